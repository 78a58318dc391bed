package org.swhvault.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.io.SizeLimitedOutputStream;
import org.swhvault.core.source.CompleteView;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;

/**
 * One attempt at cooking one bundle: claim the request, stream the cooker's output through a size limit into
 * a store writer, commit only on success, and record the outcome; the {@link RequestLifecycle} decides what
 * each step does to the request. A failed or cancelled cook closes the writer without committing, so readers
 * never see its bytes. Also the {@link CookContext} the cooker reports to.
 */
final class CookJob implements CookContext {
    private static final Logger LOG = LoggerFactory.getLogger(CookJob.class);

    private final VaultSettings settings;
    private final RequestLifecycle lifecycle;
    private final BundleKey key;
    private final String owner;
    private final AtomicReference<Instant> nextProgressStore = new AtomicReference<>(Instant.MIN);
    private volatile BundleRequest row;
    private volatile BundleRequest preClaimed;
    private volatile BundleRequest queuedAs;
    private volatile ClaimCommit claimCommit;
    private volatile Progress latestProgress;
    private volatile boolean cancelled;
    private volatile boolean leaseLost;
    /** Set by the worker before it writes the row that ends its attempt; see {@link #renew()}. */
    private volatile boolean finishing;

    CookJob(VaultSettings settings, RequestLifecycle lifecycle, BundleKey key, String owner) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.key = key;
        this.owner = owner;
    }

    /**
     * Makes this job cook {@code claimed}, a request being created already claimed by its owner, without
     * claiming; it publishes the bundle and changes the request only once {@code commit} succeeded.
     */
    CookJob claimed(BundleRequest claimed, ClaimCommit commit) {
        this.preClaimed = claimed;
        this.claimCommit = commit;
        return this;
    }

    /** Gives this job the row its request was queued with, if any, to claim it from. */
    CookJob queuedAs(BundleRequest row) {
        this.queuedAs = row;
        return this;
    }

    /** Hands back, unstarted, the request this job was given claimed; a job that claims for itself has none. */
    void handBackClaim() {
        BundleRequest claimed = preClaimed;
        if (claimed != null && claimStored()) {
            try {
                lifecycle.finish(claimed, owner, new Outcome.HandedBack(), Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.warn("Cannot hand {} back; its lease will run out", key, e);
            }
        }
    }

    BundleKey key() {
        return key;
    }

    String owner() {
        return owner;
    }

    /**
     * Claims the request (unless it was given claimed), cooks and records the outcome.
     *
     * @return the request, if it is new and waits for its retry time: the bundle is to be queued again then
     */
    Optional<BundleRequest> run() {
        try {
            if (preClaimed != null) {
                row = preClaimed;
                if (claimCommit.hasFailed()) {
                    finishing = true;
                    lifecycle.finish(row, owner, new Outcome.Abandoned(), Duration.ZERO);
                    return Optional.empty();
                }
            } else {
                RequestLifecycle.Claim claim = lifecycle.claim(key, owner, Optional.ofNullable(queuedAs));
                if (claim.claimed().isEmpty()) {
                    return claim.waiting();
                }
                row = claim.claimed().get();
            }
            long start = System.nanoTime();
            Outcome outcome = cook();
            if (!claimStored()) {
                outcome = new Outcome.Abandoned(); // a failure of a request that was never recorded: nothing to record
            }
            finishing = true; // before the final write: see renew()
            return lifecycle.finish(row, owner, outcome, Duration.ofNanos(System.nanoTime() - start))
                    .filter(r -> r.state() == RequestState.NEW && r.retryAt().isPresent());
        } catch (RuntimeException e) {
            // The request store failed: the lease runs out and a sweep retries the request.
            LOG.error("Cooking {}: cannot record the state of the request", key, e);
            return Optional.empty();
        }
    }

    private Outcome cook() {
        nextProgressStore.set(now().plus(VaultSettings.PROGRESS_INTERVAL));
        try {
            Cooker cooker = settings.cookers().forKey(key);
            try (BundleWriter writer = settings.store().create(key)) {
                SizeLimitedOutputStream out =
                        new SizeLimitedOutputStream(writer.stream(), settings.maxBundleSize(key.type()));
                // the last attempt that may wait for the mirror takes the placeholder for a content still missing
                ObjectSource source = CompleteView.of(settings.source(), key.swhid(), lifecycle.isLastWait(row));
                cooker.cook(key.swhid(), source, out, this);
                out.flush();
                if (leaseLost || !claimStored()) {
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

    /**
     * Whether the request this job cooks is stored: always, unless it was given claimed while its creation was
     * being committed; then waits for that commit (or commits it, on the caller's thread).
     */
    private boolean claimStored() {
        ClaimCommit commit = claimCommit;
        if (commit == null || commit.isCommitted()) {
            return true;
        }
        if (commit.commit().isPresent()) {
            LOG.info("Cooking {} stopped: its request could not be recorded", key);
            return false;
        }
        return true;
    }

    /** Whether the request may be changed in the store now: false while the claim's commit is in flight. */
    private boolean rowWritable() {
        ClaimCommit commit = claimCommit;
        return commit == null || commit.isCommitted();
    }

    private Instant now() {
        return settings.clock().instant();
    }

    /**
     * Renews the lease and saves the latest progress; called by the vault's heartbeat, on its own thread, while
     * the worker may be recording how the attempt ended. That final write takes the row out of this worker's
     * lease, so a renewal racing it fails without anyone having taken the request over. Hence the order: the
     * worker sets {@code finishing} before its final write; the heartbeat checks it before its compare-and-set
     * (a finishing job needs no renewal) and again after a failed one. If the final write is what made the
     * renewal fail, it came after {@code finishing} was set, so the second check sees it; if that check sees
     * it unset, the worker has not written its final row yet, and the row left the lease because someone else
     * changed it: the lease is really lost. A loss found while finishing is the worker's own to report: its
     * final write fails as well, and the attempt is reported abandoned.
     */
    void renew() {
        BundleRequest current = row;
        if (current == null || leaseLost || finishing || !rowWritable()) {
            return;
        }
        Progress progress = latestProgress;
        Optional<BundleRequest> renewed =
                lifecycle.renew(current, owner, Optional.ofNullable(progress).map(Progress::text));
        if (renewed.isPresent()) {
            row = renewed.get();
        } else if (!finishing) {
            loseLease();
        }
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

    /** Returns the latest progress the cooker reported, if it reported any. */
    Optional<CookProgress> progress() {
        Progress p = latestProgress;
        return p == null ? Optional.empty()
                : Optional.of(new CookProgress(ProgressText.phase(p.message()), Math.max(0, p.done()),
                        Math.max(-1, p.total())));
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
        Instant now = now();
        Instant next = nextProgressStore.get();
        if (now.isBefore(next) || !nextProgressStore.compareAndSet(next, now.plus(VaultSettings.PROGRESS_INTERVAL))) {
            return;
        }
        BundleRequest current = row;
        if (current == null || !rowWritable()) {
            return;
        }
        String text = ProgressText.format(message, done, total);
        try {
            lifecycle.progress(current, owner, text).ifPresentOrElse(r -> row = r, this::loseLease);
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
