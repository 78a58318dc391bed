package org.swhvault.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleStore;

import static java.util.Objects.requireNonNull;

/**
 * Configures and starts a {@link Vault}. Every setter checks its argument at once and throws
 * {@link VaultException} with {@link ErrorCode#INVALID_ARGUMENT} (or {@link NullPointerException} for
 * {@code null}) with a message naming the setting; {@link #build()} checks that the required parts are
 * there. Only {@link #source(ObjectSource)} and {@link #store(BundleStore)} are required. Not thread-safe.
 *
 * <pre>{@code
 * Vault vault = Vault.builder()
 *         .source(source)
 *         .store(store)
 *         .maxConcurrentCooks(4)
 *         .maxBundleSize(BundleType.GIT_BARE, 4L << 30)
 *         .expiryPolicy(ExpiryPolicy.keepForever().withMaxIdle(Duration.ofDays(7)))
 *         .build();
 * }</pre>
 */
public final class VaultBuilder {
    /** The default maximum size of a bundle of each type: 1 GiB. */
    public static final long DEFAULT_MAX_BUNDLE_SIZE = VaultSettings.DEFAULT_MAX_BUNDLE_SIZE;

    private ObjectSource source;
    private BundleStore store;
    private Cookers cookers;
    private RequestStore requestStore;
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private int maxConcurrentCooks = VaultSettings.defaultMaxConcurrentCooks();
    private final Map<BundleType, Long> maxBundleSize = VaultSettings.defaultMaxBundleSizes();
    private Clock clock = Clock.systemUTC();
    private Duration leaseDuration = VaultSettings.DEFAULT_LEASE_DURATION;
    private int maxAttempts = VaultSettings.DEFAULT_MAX_ATTEMPTS;
    private Duration retryBackoff = VaultSettings.DEFAULT_RETRY_BACKOFF;
    private Duration shutdownGracePeriod = VaultSettings.DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private ExpiryPolicy expiryPolicy = ExpiryPolicy.keepForever();
    private final List<VaultListener> listeners = new ArrayList<>();
    private String instanceId;

    VaultBuilder() {
    }

    /**
     * Sets the archive to cook from. Required. The vault does not close it.
     *
     * @param source the object source
     * @return this builder
     */
    public VaultBuilder source(ObjectSource source) {
        this.source = requireNonNull(source, "source is null");
        return this;
    }

    /**
     * Sets where cooked bundles go. Required. The vault does not close it.
     *
     * @param store the bundle store
     * @return this builder
     */
    public VaultBuilder store(BundleStore store) {
        this.store = requireNonNull(store, "store is null");
        return this;
    }

    /**
     * Sets the cookers. The default is {@link Cookers#discover()}, the cookers on the class path.
     *
     * @param cookers the cookers
     * @return this builder
     */
    public VaultBuilder cookers(Cookers cookers) {
        this.cookers = requireNonNull(cookers, "cookers is null");
        return this;
    }

    /**
     * Sets where requests are recorded. The default is a {@link MemoryRequestStore}, forgotten when the
     * process ends; use {@link org.swhvault.core.request.JournalRequestStore} to survive restarts. The vault
     * does not close it.
     *
     * @param requestStore the request store
     * @return this builder
     */
    public VaultBuilder requestStore(RequestStore requestStore) {
        this.requestStore = requireNonNull(requestStore, "requestStore is null");
        return this;
    }

    /**
     * Sets the executor cooks run on. The vault never hands it more than {@link #maxConcurrentCooks(int)}
     * cooks at a time, and does not shut it down. The default is a pool of {@code maxConcurrentCooks}
     * daemon threads, owned and shut down by the vault.
     *
     * @param executor the executor
     * @return this builder
     */
    public VaultBuilder executor(Executor executor) {
        this.executor = requireNonNull(executor, "executor is null");
        return this;
    }

    /**
     * Sets how many bundles may cook at the same time. The default is the number of processors.
     *
     * @param max at least 1
     * @return this builder
     */
    public VaultBuilder maxConcurrentCooks(int max) {
        if (max < 1) {
            throw invalid("maxConcurrentCooks must be ≥ 1, got " + max);
        }
        this.maxConcurrentCooks = max;
        return this;
    }

    /**
     * Sets the largest bundle of a type the vault cooks; a larger one fails with "The requested bundle
     * exceeds the maximum allowed size of N bytes." The default is {@value #DEFAULT_MAX_BUNDLE_SIZE} bytes.
     *
     * @param type the bundle type
     * @param bytes at least 1
     * @return this builder
     */
    public VaultBuilder maxBundleSize(BundleType type, long bytes) {
        requireNonNull(type, "type is null");
        if (bytes < 1) {
            throw invalid("maxBundleSize for " + type + " must be ≥ 1, got " + bytes);
        }
        maxBundleSize.put(type, bytes);
        return this;
    }

    /**
     * Sets the clock for request times, leases, retries and expiry. The default is the UTC system clock;
     * tests pass one they control.
     *
     * @param clock the clock
     * @return this builder
     */
    public VaultBuilder clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        return this;
    }

    /**
     * Sets the scheduler for lease renewal, orphan recovery, retries and expiry; tests pass one they
     * control. The vault does not shut it down. The default is one daemon thread owned by the vault.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public VaultBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        return this;
    }

    /**
     * Sets how long a worker's claim on a request lasts without renewal. The worker renews it every third
     * of this; when it runs out (the worker died), another worker takes the request over. The default is
     * one minute.
     *
     * @param lease a positive duration of at least 3 ms
     * @return this builder
     */
    public VaultBuilder leaseDuration(Duration lease) {
        requireNonNull(lease, "lease is null");
        if (lease.toMillis() < 3) {
            throw invalid("leaseDuration must be at least 3 ms, got " + lease);
        }
        this.leaseDuration = lease;
        return this;
    }

    /**
     * Sets how many times cooking a bundle is attempted before it fails for good, counting retries after
     * store or archive failures and take-overs after a worker died. The default is 3.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public VaultBuilder maxAttempts(int attempts) {
        if (attempts < 1) {
            throw invalid("maxAttempts must be ≥ 1, got " + attempts);
        }
        this.maxAttempts = attempts;
        return this;
    }

    /**
     * Sets how long to wait before the first retry after a store or archive failure; each next retry waits
     * twice as long, at most an hour. The default is 5 seconds.
     *
     * @param backoff a non-negative duration
     * @return this builder
     */
    public VaultBuilder retryBackoff(Duration backoff) {
        requireNonNull(backoff, "backoff is null");
        if (backoff.isNegative()) {
            throw invalid("retryBackoff must not be negative, got " + backoff);
        }
        this.retryBackoff = backoff;
        return this;
    }

    /**
     * Sets how long {@link Vault#close()} lets running cooks finish before asking them to stop and hand
     * their requests back. The default is 30 seconds; zero stops them at once.
     *
     * @param grace a non-negative duration
     * @return this builder
     */
    public VaultBuilder shutdownGracePeriod(Duration grace) {
        requireNonNull(grace, "grace is null");
        if (grace.isNegative()) {
            throw invalid("shutdownGracePeriod must not be negative, got " + grace);
        }
        this.shutdownGracePeriod = grace;
        return this;
    }

    /**
     * Sets when bundles leave the store. The default, {@link ExpiryPolicy#keepForever()}, never evicts.
     *
     * @param policy the policy
     * @return this builder
     */
    public VaultBuilder expiryPolicy(ExpiryPolicy policy) {
        this.expiryPolicy = requireNonNull(policy, "policy is null");
        return this;
    }

    /**
     * Adds a listener; listeners are called in the order added.
     *
     * @param listener the listener
     * @return this builder
     */
    public VaultBuilder listener(VaultListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
        return this;
    }

    /**
     * Names this vault in leases and logs; vaults sharing a request store must have different names. The
     * default is unique per vault ({@code vault-<pid>-<random>}).
     *
     * @param id a non-blank name
     * @return this builder
     */
    public VaultBuilder instanceId(String id) {
        requireNonNull(id, "id is null");
        if (id.isBlank() || id.contains("#")) {
            throw invalid("instanceId must be non-blank and without '#', got '" + id + "'");
        }
        this.instanceId = id;
        return this;
    }

    /**
     * Checks the configuration and starts the vault: it queues requests left new by a previous run, takes
     * over orphaned pending ones, and starts its scheduled tasks. Blocks while it reads the request store.
     *
     * @return the running vault, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the source or the store is missing
     */
    public Vault build() {
        if (source == null) {
            throw invalid("source is required: call source(ObjectSource)");
        }
        if (store == null) {
            throw invalid("store is required: call store(BundleStore)");
        }
        return new Vault(settings());
    }

    /** The settings as given so far, with the default of every part not given. */
    VaultSettings settings() {
        return new VaultSettings(source, store,
                cookers != null ? cookers : Cookers.discover(),
                requestStore != null ? requestStore : new MemoryRequestStore(),
                Optional.ofNullable(executor), Optional.ofNullable(scheduler), clock, listeners,
                instanceId != null ? instanceId : VaultSettings.uniqueInstanceId(),
                maxConcurrentCooks, maxBundleSize, leaseDuration, maxAttempts, retryBackoff, shutdownGracePeriod,
                expiryPolicy);
    }

    private static VaultException invalid(String message) {
        return new VaultException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
