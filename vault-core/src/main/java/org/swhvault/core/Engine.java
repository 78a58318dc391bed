package org.swhvault.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.swhvault.core.cook.Cookers;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;

/**
 * What the parts of a vault share: its dependencies, its settings, and compare-and-set updates of request
 * rows. Immutable and thread-safe.
 */
final class Engine {
    /** Progress reaches the request store and the listeners at most this often per bundle. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    final ObjectSource source;
    final BundleStore store;
    final Cookers cookers;
    final RequestStore requests;
    final Clock clock;
    final ScheduledExecutorService scheduler;
    final Listeners listeners;
    final Map<BundleType, Long> maxBundleSize;
    final Duration leaseDuration;
    final int maxAttempts;
    final Duration retryBackoff;
    final String instanceId;
    private final Object completion = new Object();
    private long completions;

    Engine(VaultBuilder b, Cookers cookers, RequestStore requests, ScheduledExecutorService scheduler,
            String instanceId) {
        this.source = b.source;
        this.store = b.store;
        this.cookers = cookers;
        this.requests = requests;
        this.clock = b.clock;
        this.scheduler = scheduler;
        this.listeners = new Listeners(b.listeners);
        this.maxBundleSize = Map.copyOf(b.maxBundleSize);
        this.leaseDuration = b.leaseDuration;
        this.maxAttempts = b.maxAttempts;
        this.retryBackoff = b.retryBackoff;
        this.instanceId = instanceId;
    }

    Instant now() {
        return clock.instant();
    }

    /** A row before and after a successful compare-and-set. */
    record Transition(BundleRequest before, BundleRequest after) {
    }

    /**
     * Applies {@code change} to the row of {@code row.id()} as long as it satisfies {@code applies}, retrying
     * on concurrent changes.
     *
     * @return the transition, or empty if the row is gone or no longer satisfies {@code applies}
     */
    Optional<Transition> update(BundleRequest row, Predicate<BundleRequest> applies,
            UnaryOperator<BundleRequest> change) {
        BundleRequest current = row;
        while (current != null && applies.test(current)) {
            Optional<BundleRequest> stored = requests.compareAndSet(current, change.apply(current));
            if (stored.isPresent()) {
                signalIfFinal(stored.get());
                return Optional.of(new Transition(current, stored.get()));
            }
            current = requests.get(current.id()).orElse(null);
        }
        return Optional.empty();
    }

    /** Returns what the store knows about a bundle. */
    Optional<BundleInfo> stat(BundleKey key) {
        try {
            return store.stat(key);
        } catch (IOException e) {
            throw storeFailure(e);
        }
    }

    long maxBundleSize(BundleType type) {
        return maxBundleSize.get(type);
    }

    static VaultException storeFailure(IOException e) {
        return new VaultException(ErrorCode.STORE_FAILURE, "The bundle store failed: " + e.getMessage(), e);
    }

    /** Wakes threads in {@link #awaitCompletion(long, long)} when a request reaches a final state. */
    void signalIfFinal(BundleRequest row) {
        if (row.state().isFinal()) {
            synchronized (completion) {
                completions++;
                completion.notifyAll();
            }
        }
    }

    /** Returns how many requests reached a final state so far; pass it to {@link #awaitCompletion}. */
    long completions() {
        synchronized (completion) {
            return completions;
        }
    }

    /**
     * Waits until some request reaches a final state after {@code seen} was read from {@link #completions()},
     * or {@code millis} pass. Reading the count first means a completion between a status check and this
     * call is not missed.
     */
    void awaitCompletion(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
        synchronized (completion) {
            while (completions == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(completion, left);
            }
        }
    }
}
