package org.swhvault.core;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;

/**
 * Keeps requests moving when workers disappear: renews the leases of this vault's running cooks, queues
 * new requests nobody is cooking (after a restart, or a refused submission), and takes over pending
 * requests whose worker died, that is whose lease ran out, or, on an exclusive request store at start,
 * every pending request. A request taken over too often fails for good, so a bundle that kills its worker
 * (say, by exhausting memory) cannot do so forever.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final RequestStore requests;
    private final Clock clock;
    private final RequestLifecycle lifecycle;
    private final CookQueue queue;

    Recovery(VaultSettings settings, RequestLifecycle lifecycle, CookQueue queue) {
        this.requests = settings.requestStore();
        this.clock = settings.clock();
        this.lifecycle = lifecycle;
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
        sweepNew();
        boolean orphansAll = atStart && requests.isExclusive();
        for (BundleRequest row : requests.list(RequestState.PENDING)) {
            takeOverIfOrphaned(row, orphansAll);
        }
    }

    /** Queues the new requests nobody here has queued yet: what a wake-up from the request store asks for. */
    void sweepNew() {
        Instant now = clock.instant();
        for (BundleRequest row : requests.list(RequestState.NEW)) {
            if (!queue.isQueued(row.key())) {
                queue.submitAt(row, row.retryAt().orElse(now));
            }
        }
    }

    /**
     * Takes over a pending request whose worker is gone: its lease ran out (or {@code orphansAll}) and no cook
     * of this vault holds it. The request goes back to {@code new} and is queued, or fails once it used up
     * its attempts.
     *
     * @return whether the request was an orphan
     */
    boolean takeOverIfOrphaned(BundleRequest row, boolean orphansAll) {
        boolean expired = row.lease().map(l -> l.isExpired(clock.instant())).orElse(true);
        if (!(expired || orphansAll) || queue.ownsLive(row.lease().map(Lease::owner).orElse(""))) {
            return false;
        }
        lifecycle.takeOver(row).filter(r -> r.state() == RequestState.NEW).ifPresent(queue::submit);
        return true;
    }
}
