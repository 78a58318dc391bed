package org.swhvault.core;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.swhvault.core.cook.Cookers;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleStore;

import static java.util.Objects.requireNonNull;

/**
 * What a vault is made of and how it behaves, as {@link VaultBuilder#build()} resolved it; the one place
 * where the defaults live. Immutable; the builder checks every value as it is set.
 *
 * @param source the archive to cook from
 * @param store where cooked bundles go
 * @param cookers the cookers
 * @param requestStore where requests are recorded
 * @param executor where cooks run; empty for a pool of {@code maxConcurrentCooks} threads owned by the vault
 * @param scheduler runs lease renewal, recovery, retries and expiry, and is lent to plug-ins
 * @param clock the time of requests, leases, retries and expiry
 * @param listeners told about progress and ends, in this order
 * @param instanceId names this vault in leases and logs
 * @param maxConcurrentCooks how many bundles cook at the same time at most
 * @param maxBundleSize the largest bundle of each type, in bytes; every type has one
 * @param leaseDuration how long a worker's claim lasts without renewal
 * @param maxAttempts how many times a bundle's cooking starts before it fails for good
 * @param retryBackoff the wait before the first retry; each next one waits twice as long, at most
 *     {@link #MAX_RETRY_BACKOFF}
 * @param availabilityHorizon how long, in back-offs added up, a cook waits for referenced objects that have not
 *     reached an eventually consistent source yet ({@link org.swhvault.spi.ErrorCode#NOT_YET_AVAILABLE})
 * @param shutdownGracePeriod how long closing lets running cooks finish
 * @param expiryPolicy when bundles leave the store
 * @param owned what the builder created for this vault (plug-ins selected by name, the scheduler), closed
 *     in the reverse order once the vault has stopped
 */
record VaultSettings(
        ObjectSource source,
        BundleStore store,
        Cookers cookers,
        RequestStore requestStore,
        Optional<Executor> executor,
        ScheduledExecutorService scheduler,
        Clock clock,
        List<VaultListener> listeners,
        String instanceId,
        int maxConcurrentCooks,
        Map<BundleType, Long> maxBundleSize,
        Duration leaseDuration,
        int maxAttempts,
        Duration retryBackoff,
        Duration availabilityHorizon,
        Duration shutdownGracePeriod,
        ExpiryPolicy expiryPolicy,
        PluginParts owned) {
    static final long DEFAULT_MAX_BUNDLE_SIZE = 1L << 30;
    static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(1);
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_RETRY_BACKOFF = Duration.ofHours(1);
    static final Duration DEFAULT_AVAILABILITY_HORIZON = Duration.ofHours(24);
    static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(30);
    /** The longest wait {@link #nanos} counts: a quarter of what a {@code long} of nanoseconds holds. */
    private static final Duration CENTURY = Duration.ofDays(36_525);
    private static final Duration LONGEST_WAIT = Duration.ofNanos(Long.MAX_VALUE / 4);
    /** Progress reaches the request store and the listeners at most this often per bundle. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    VaultSettings {
        requireNonNull(source, "source is null");
        requireNonNull(store, "store is null");
        requireNonNull(cookers, "cookers is null");
        requireNonNull(requestStore, "requestStore is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(clock, "clock is null");
        listeners = List.copyOf(listeners);
        requireNonNull(instanceId, "instanceId is null");
        maxBundleSize = Map.copyOf(maxBundleSize);
        if (!maxBundleSize.keySet().containsAll(List.of(BundleType.values()))) {
            throw new IllegalArgumentException("maxBundleSize needs every bundle type, got " + maxBundleSize.keySet());
        }
        requireNonNull(leaseDuration, "leaseDuration is null");
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireNonNull(availabilityHorizon, "availabilityHorizon is null");
        requireNonNull(shutdownGracePeriod, "shutdownGracePeriod is null");
        requireNonNull(expiryPolicy, "expiryPolicy is null");
        requireNonNull(owned, "owned is null");
    }

    /** The default number of concurrent cooks: one per processor. */
    static int defaultMaxConcurrentCooks() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The default maximum size of each bundle type. */
    static Map<BundleType, Long> defaultMaxBundleSizes() {
        Map<BundleType, Long> sizes = new EnumMap<>(BundleType.class);
        for (BundleType type : BundleType.values()) {
            sizes.put(type, DEFAULT_MAX_BUNDLE_SIZE);
        }
        return sizes;
    }

    /** A name no other vault has: {@code vault-<pid>-<random>}. */
    static String uniqueInstanceId() {
        return "vault-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** A factory of daemon threads named {@code <prefix>-<n>}. */
    /**
     * Returns a duration in nanoseconds, for a deadline on {@link System#nanoTime()}: one too long for that
     * ({@code ChronoUnit.FOREVER}, what a host means by "wait forever") counts as about 73 years, which added to
     * the time now does not overflow.
     */
    static long nanos(Duration duration) {
        return duration.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT.toNanos() : duration.toNanos();
    }

    /**
     * Refuses a duration longer than a century, which no time of day can have added to it without overflow
     * ({@code ChronoUnit.FOREVER}): a lease or an expiry limit of that length is a mistake, or means "none",
     * which is said otherwise.
     */
    static void requireAtMostACentury(String name, Duration d) {
        if (d.compareTo(CENTURY) > 0) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, name + " must be at most 100 years, got " + d);
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    long maxBundleSize(BundleType type) {
        return maxBundleSize.get(type);
    }
}
