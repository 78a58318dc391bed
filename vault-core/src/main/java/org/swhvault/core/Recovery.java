package org.swhvault.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;

/**
 * Keeps requests moving when workers disappear: renews the leases of this vault's running cooks, queues
 * new requests nobody is cooking (after a restart, or a refused submission), and takes over pending
 * requests whose worker died, that is whose lease ran out, or, on an exclusive request store at start,
 * every pending request. A request taken over too often fails for good, so a bundle that kills its worker
 * (say, by exhausting memory) cannot do so forever.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final Engine engine;
    private final CookQueue queue;

    Recovery(Engine engine, CookQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    /** Renews the lease of every cook running in this vault. */
    void heartbeat() {
        for (CookJob job : queue.activeJobs()) {
            try {
                job.renew();
            } catch (RuntimeException e) {
                LOG.warn("Cannot renew the lease of {}", job, e);
            }
        }
    }

    /**
     * Queues waiting requests and takes over orphaned pending ones.
     *
     * @param atStart whether the vault is starting: on an exclusive store every pending request is then an
     *     orphan of a previous run
     */
    void sweep(boolean atStart) {
        Instant now = engine.now();
        for (BundleRequest row : engine.requests.list(RequestState.NEW)) {
            if (!queue.isQueued(row.key())) {
                queue.submitAt(row.key(), row.retryAt().orElse(now));
            }
        }
        boolean orphansAll = atStart && engine.requests.isExclusive();
        List<BundleRequest> pending = engine.requests.list(RequestState.PENDING);
        for (BundleRequest row : pending) {
            Optional<String> owner = row.lease().map(l -> l.owner());
            boolean expired = row.lease().map(l -> l.isExpired(now)).orElse(true);
            if ((expired || orphansAll) && !owner.map(queue::ownsLive).orElse(false)) {
                takeOver(row);
            }
        }
    }

    /**
     * Takes over a pending request whose worker is gone: back to {@code new} and queued, or {@code failed}
     * once it used up its attempts. Does nothing if the lease was renewed meanwhile.
     */
    void takeOver(BundleRequest row) {
        LOG.info("Taking over {} from {} (attempt {} of {})", row.key(),
                row.lease().map(l -> l.owner()).orElse("nobody"), row.attempts(), engine.maxAttempts);
        if (row.attempts() >= engine.maxAttempts) {
            String message = Failures.gaveUp(Failures.WORKER_STOPPED, engine.maxAttempts);
            engine.update(row, r -> sameLease(r, row), r -> r.toBuilder()
                            .state(RequestState.FAILED)
                            .lease(Optional.empty())
                            .progressMessage(Optional.of(message))
                            .failure(Optional.of(ErrorCode.CANCELLED))
                            .notifyEmails(List.of())
                            .build())
                    .ifPresent(t -> engine.listeners.failed(BundleStatus.of(t.after()), t.before().notifyEmails()));
            return;
        }
        String message = Failures.willRetry(Failures.WORKER_STOPPED, row.attempts() + 1, engine.maxAttempts);
        engine.update(row, r -> sameLease(r, row), r -> r.toBuilder()
                        .state(RequestState.NEW)
                        .lease(Optional.empty())
                        .progressMessage(Optional.of(message))
                        .failure(Optional.of(ErrorCode.CANCELLED))
                        .build())
                .ifPresent(t -> queue.submit(row.key()));
    }

    private static boolean sameLease(BundleRequest current, BundleRequest seen) {
        return current.state() == RequestState.PENDING && current.lease().equals(seen.lease());
    }
}
