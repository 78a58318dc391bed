package org.swhvault.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.store.BundleKey;

/**
 * The bundles waiting to be cooked in this vault, handed to the executor at most {@code maxConcurrent} at a
 * time, whatever the executor: a host's unbounded pool cannot make the vault cook more at once. A key is
 * queued at most once. Being queued is only a hint: the {@link CookJob} claims its request with a
 * compare-and-set, so a key queued twice, here or in another vault, is still cooked once.
 */
final class CookQueue {
    private static final Logger LOG = LoggerFactory.getLogger(CookQueue.class);

    private final Executor executor;
    private final int maxConcurrent;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final String instanceId;
    private final BiFunction<BundleKey, String, CookJob> newJob;
    private final Deque<BundleKey> waiting = new ArrayDeque<>();
    private final Set<BundleKey> queued = new HashSet<>();
    /** The row each queued bundle was queued with: its job claims it without reading it back first. */
    private final Map<BundleKey, BundleRequest> rows = new HashMap<>();
    private final Set<BundleKey> timers = new HashSet<>();
    private final Set<CookJob> active = new HashSet<>();
    private final AtomicLong jobNumbers = new AtomicLong();
    private int inFlight;
    private boolean closed;
    /** Why the executor refused the last job it was given, until it takes one again. */
    private volatile String refusal;

    /** {@code newJob} makes the job cooking a bundle, given the bundle and the owner its lease will name. */
    CookQueue(VaultSettings settings, Executor executor, ScheduledExecutorService scheduler,
            BiFunction<BundleKey, String, CookJob> newJob) {
        this.executor = executor;
        this.maxConcurrent = settings.maxConcurrentCooks();
        this.scheduler = scheduler;
        this.clock = settings.clock();
        this.instanceId = settings.instanceId();
        this.newJob = newJob;
    }

    /**
     * Queues the bundle of a new request unless it is already waiting. The job claims the request from
     * {@code row}, reading it back only if the row changed since. Does not block.
     */
    void submit(BundleRequest row) {
        BundleKey key = row.key();
        List<CookJob> jobs;
        synchronized (this) {
            if (closed || !queued.add(key)) {
                return;
            }
            waiting.add(key);
            rows.put(key, row);
            jobs = takeDispatchable();
        }
        dispatch(jobs);
    }

    /**
     * Takes a cooking slot for a bundle about to be created already claimed, if this vault has room now and
     * nothing queued before it.
     *
     * @return the owner the claim's lease names, or empty if there is no room
     */
    synchronized Optional<String> reserve() {
        if (closed || inFlight >= maxConcurrent || !waiting.isEmpty()) {
            return Optional.empty();
        }
        inFlight++;
        return Optional.of(instanceId + "#" + jobNumbers.incrementAndGet());
    }

    /**
     * Cooks, in the slot {@link #reserve()} took, a bundle whose request is being created claimed by
     * {@code owner}; the cook publishes only once {@code claim} committed.
     */
    void runClaimed(BundleRequest row, String owner, ClaimCommit claim) {
        dispatch(List.of(newJob.apply(row.key(), owner).claimed(row, claim)));
    }

    /** Gives back a slot {@link #reserve()} took that no bundle needed. */
    void release() {
        finished();
    }

    /** Queues a new request's bundle at {@code when}, using the scheduler; at once if that time has come. */
    void submitAt(BundleRequest row, Instant when) {
        BundleKey key = row.key();
        long delay = Duration.between(clock.instant(), when).toMillis();
        if (delay <= 0) {
            submit(row);
            return;
        }
        synchronized (this) {
            if (closed || !timers.add(key)) {
                return;
            }
        }
        try {
            scheduler.schedule(() -> {
                synchronized (this) {
                    timers.remove(key);
                }
                submit(row);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                timers.remove(key);
            }
            LOG.warn("Cannot schedule the retry of {}: the scheduler refused it", key);
        }
    }

    synchronized boolean isQueued(BundleKey key) {
        return queued.contains(key) || timers.contains(key);
    }

    /** Registers a starting job; false once the queue is closed, and then the job must not run. */
    private synchronized boolean begin(CookJob job) {
        if (closed) {
            return false;
        }
        active.add(job);
        return true;
    }

    private synchronized void end(CookJob job) {
        active.remove(job);
        notifyAll();
    }

    /** Returns how many bundles wait to cook here: queued, or waiting for their retry time, not running. */
    synchronized int waiting() {
        Set<BundleKey> running = new HashSet<>();
        active.forEach(j -> running.add(j.key()));
        Set<BundleKey> waiting = new HashSet<>(queued);
        waiting.addAll(timers);
        waiting.removeAll(running);
        return waiting.size();
    }

    synchronized List<CookJob> activeJobs() {
        return new ArrayList<>(active);
    }

    /** Returns whether a running job of this vault holds a lease with this owner. */
    synchronized boolean ownsLive(String leaseOwner) {
        for (CookJob job : active) {
            if (job.owner().equals(leaseOwner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops taking work, lets running jobs finish for up to {@code grace}, then asks the rest to stop (they
     * hand their requests back) and waits up to {@code cancelWait} for them to do so. An interrupt (before or
     * during the call) cuts the grace short, not the wait for the hand-backs, and is kept.
     *
     * @return true if no job is running any more
     */
    synchronized boolean close(Duration grace, Duration cancelWait) {
        closed = true;
        waiting.clear();
        queued.clear();
        rows.clear();
        boolean interrupted = false;
        try {
            if (awaitIdle(grace)) {
                return true;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        LOG.info("Closing the vault: cancelling {} cooks still running", active.size());
        for (CookJob job : active) {
            job.cancel();
        }
        long deadline = System.nanoTime() + VaultSettings.nanos(cancelWait);
        try {
            while (true) {
                try {
                    return awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + VaultSettings.nanos(grace);
        while (!active.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private List<CookJob> takeDispatchable() {
        List<CookJob> jobs = new ArrayList<>();
        while (!closed && inFlight < maxConcurrent && !waiting.isEmpty()) {
            BundleKey key = waiting.poll();
            queued.remove(key);
            inFlight++;
            jobs.add(newJob.apply(key, instanceId + "#" + jobNumbers.incrementAndGet()).queuedAs(rows.remove(key)));
        }
        return jobs;
    }

    /** Outside the lock: a direct executor runs the job right here. */
    private void dispatch(List<CookJob> jobs) {
        for (CookJob job : jobs) {
            try {
                executor.execute(() -> {
                    try {
                        run(job);
                    } finally {
                        finished();
                    }
                });
                refusal = null;
            } catch (RejectedExecutionException e) {
                // A new request stays new, and the next sweep queues it again; one created already claimed waits
                // for its lease to run out first.
                refusal = "the executor refused to run a cook" + (executor instanceof ExecutorService service
                        && service.isShutdown() ? " (it is shut down)" : "") + ".";
                LOG.error("The executor refused to cook {}; its request is cooked once an executor takes work", job.key(), e);
                synchronized (this) {
                    inFlight--;
                }
            }
        }
    }

    /** Why the executor refused the last cook it was given, unless it has run one since. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Runs a job unless the queue closed, and queues its bundle again if it waits for a retry. */
    private void run(CookJob job) {
        if (!begin(job)) {
            job.handBackClaim();
            return;
        }
        Optional<BundleRequest> again;
        try {
            again = job.run();
        } finally {
            end(job);
        }
        again.ifPresent(row -> submitAt(row, row.retryAt().orElseGet(clock::instant)));
    }

    private void finished() {
        List<CookJob> jobs;
        synchronized (this) {
            inFlight--;
            jobs = takeDispatchable();
        }
        dispatch(jobs);
    }
}
