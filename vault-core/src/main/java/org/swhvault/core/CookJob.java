package org.swhvault.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.internal.io.SizeLimitedOutputStream;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;

/**
 * One attempt at cooking one bundle: claim the request ({@code new → pending}, with a lease), stream the
 * cooker's output through a size limit into a store writer, commit only on success, and record the outcome.
 * A failed or cancelled cook closes the writer without committing, so readers never see its bytes. Also the
 * {@link CookContext} the cooker reports to.
 */
final class CookJob implements CookContext {
    private static final Logger LOG = LoggerFactory.getLogger(CookJob.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final Engine engine;
    private final CookQueue queue;
    private final BundleKey key;
    private final String owner;
    private final AtomicReference<Instant> nextProgressStore = new AtomicReference<>(Instant.MIN);
    private volatile BundleRequest row;
    private volatile Progress latestProgress;
    private volatile boolean cancelled;
    private volatile boolean leaseLost;

    CookJob(Engine engine, CookQueue queue, BundleKey key, String owner) {
        this.engine = engine;
        this.queue = queue;
        this.key = key;
        this.owner = owner;
    }

    BundleKey key() {
        return key;
    }

    String owner() {
        return owner;
    }

    void run() {
        if (!queue.begin(this)) {
            return;
        }
        try {
            Optional<BundleRequest> claimed = claim();
            if (claimed.isPresent()) {
                row = claimed.get();
                finish(cook());
            }
        } catch (RuntimeException e) {
            // The request store failed: the lease runs out and a sweep retries the request.
            LOG.error("Cooking {}: cannot record the state of the request", key, e);
        } finally {
            queue.end(this);
        }
    }

    private Optional<BundleRequest> claim() {
        BundleRequest current = engine.requests.get(key).orElse(null);
        if (current == null || current.state() != RequestState.NEW) {
            return Optional.empty();
        }
        Instant now = engine.now();
        if (current.retryAt().isPresent() && now.isBefore(current.retryAt().get())) {
            queue.submitAt(key, current.retryAt().get());
            return Optional.empty();
        }
        Lease lease = new Lease(owner, now.plus(engine.leaseDuration));
        return engine.update(current,
                r -> r.state() == RequestState.NEW && (r.retryAt().isEmpty() || !now.isBefore(r.retryAt().get())),
                r -> r.toBuilder()
                        .state(RequestState.PENDING)
                        .lease(Optional.of(lease))
                        .attempts(r.attempts() + 1)
                        .progressMessage(Optional.of("Processing..."))
                        .failure(Optional.empty())
                        .retryAt(Optional.empty())
                        .build())
                .map(Engine.Transition::after);
    }

    private Outcome cook() {
        nextProgressStore.set(engine.now().plus(Engine.PROGRESS_INTERVAL));
        try {
            Cooker cooker = engine.cookers.forObject(key.type(), key.swhid().type());
            try (BundleWriter writer = engine.store.create(key)) {
                SizeLimitedOutputStream out =
                        new SizeLimitedOutputStream(writer.stream(), engine.maxBundleSize(key.type()));
                cooker.cook(key.swhid(), engine.source, out, this);
                out.flush();
                if (leaseLost) {
                    return new Outcome.Abandoned();
                }
                return new Outcome.Done(writer.commit());
            }
        } catch (Exception | Error e) {
            if (leaseLost) {
                return new Outcome.Abandoned();
            }
            if (cancelled) {
                LOG.info("Cooking {} stopped as the vault closes; it will be cooked again", key);
                return new Outcome.HandedBack();
            }
            return Failures.classify(e, key);
        }
    }

    private void finish(Outcome outcome) {
        Instant now = engine.now();
        if (outcome instanceof Outcome.Done) {
            engine.update(row, this::ours, r -> r.toBuilder()
                            .state(RequestState.DONE)
                            .done(Optional.of(now))
                            .progressMessage(Optional.empty())
                            .failure(Optional.empty())
                            .lease(Optional.empty())
                            .notifyEmails(List.of())
                            .build())
                    .ifPresentOrElse(
                            t -> engine.listeners.done(BundleStatus.of(t.after()), t.before().notifyEmails()),
                            () -> LOG.info("Cooked {}, but another worker took the request over meanwhile", key));
        } else if (outcome instanceof Outcome.Failed failed) {
            fail(failed, now);
        } else if (outcome instanceof Outcome.HandedBack) {
            engine.update(row, this::ours, r -> r.toBuilder()
                    .state(RequestState.NEW)
                    .lease(Optional.empty())
                    .attempts(Math.max(0, r.attempts() - 1))
                    .progressMessage(Optional.empty())
                    .build());
        }
    }

    private void fail(Outcome.Failed failed, Instant now) {
        int attempts = row.attempts();
        if (failed.retryable() && attempts < engine.maxAttempts) {
            Instant retryAt = now.plus(backoff(attempts));
            String message = Failures.willRetry(failed.sentence(), attempts + 1, engine.maxAttempts);
            engine.update(row, this::ours, r -> r.toBuilder()
                            .state(RequestState.NEW)
                            .lease(Optional.empty())
                            .retryAt(Optional.of(retryAt))
                            .progressMessage(Optional.of(message))
                            .failure(Optional.of(failed.code()))
                            .build())
                    .ifPresent(t -> {
                        engine.listeners.progress(BundleStatus.of(t.after()));
                        queue.submitAt(key, retryAt);
                    });
            return;
        }
        String message = failed.retryable() ? Failures.gaveUp(failed.sentence(), engine.maxAttempts) : failed.sentence();
        engine.update(row, this::ours, r -> r.toBuilder()
                        .state(RequestState.FAILED)
                        .lease(Optional.empty())
                        .retryAt(Optional.empty())
                        .progressMessage(Optional.of(message))
                        .failure(Optional.of(failed.code()))
                        .notifyEmails(List.of())
                        .build())
                .ifPresent(t -> engine.listeners.failed(BundleStatus.of(t.after()), t.before().notifyEmails()));
    }

    /** The first retry waits the configured back-off, each next one twice as long, at most an hour. */
    private Duration backoff(int failedAttempts) {
        Duration d = engine.retryBackoff;
        for (int i = 1; i < failedAttempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) < 0 ? d : MAX_BACKOFF;
    }

    private boolean ours(BundleRequest r) {
        return r.state() == RequestState.PENDING && r.lease().map(Lease::owner).orElse("").equals(owner);
    }

    /** Renews the lease and saves the latest progress; called by the vault's heartbeat. */
    void renew() {
        BundleRequest current = row;
        if (current == null || leaseLost) {
            return;
        }
        Lease lease = new Lease(owner, engine.now().plus(engine.leaseDuration));
        Progress progress = latestProgress;
        engine.update(current, this::ours, r -> r.toBuilder()
                        .lease(Optional.of(lease))
                        .progressMessage(progress == null ? r.progressMessage() : Optional.of(progress.text()))
                        .build())
                .ifPresentOrElse(t -> row = t.after(), this::loseLease);
    }

    /** Asks the cooker to stop because the vault closes. */
    void cancel() {
        cancelled = true;
    }

    private void loseLease() {
        if (!leaseLost) {
            LOG.warn("Cooking {}: the lease was lost (another worker took the request over); stopping", key);
        }
        leaseLost = true;
        cancelled = true;
    }

    /** A progress report as the cooker gave it; formatted only when it is saved. */
    private record Progress(String message, long done, long total) {
        String text() {
            return ProgressText.format(message, done, total);
        }
    }

    /** Called for every unit of work: keeps the report, and saves it at most once a second. */
    @Override
    public void progress(String message, long done, long total) {
        latestProgress = new Progress(message, done, total);
        Instant now = engine.now();
        Instant next = nextProgressStore.get();
        if (now.isBefore(next) || !nextProgressStore.compareAndSet(next, now.plus(Engine.PROGRESS_INTERVAL))) {
            return;
        }
        BundleRequest current = row;
        if (current == null) {
            return;
        }
        String text = ProgressText.format(message, done, total);
        try {
            engine.update(current, this::ours, r -> r.toBuilder().progressMessage(Optional.of(text)).build())
                    .ifPresentOrElse(t -> {
                        row = t.after();
                        engine.listeners.progress(BundleStatus.of(t.after()));
                    }, this::loseLease);
        } catch (RuntimeException e) {
            // Progress is a courtesy: a request store hiccup must not fail the cook.
            LOG.warn("Cooking {}: cannot save progress", key, e);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "CookJob[" + key + ", " + owner + "]";
    }
}
