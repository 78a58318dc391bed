package org.swhvault.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.swhvault.core.cook.Cookers;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RequestStoreProvider;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleStoreProvider;

import static java.util.Objects.requireNonNull;

/**
 * Configures and starts a {@link Vault}. Every setter checks its argument at once and throws
 * {@link VaultException} with {@link ErrorCode#INVALID_ARGUMENT} (or {@link NullPointerException} for
 * {@code null}) with a message naming the setting; {@link #build()} checks that the required parts are
 * there. Only a source and a store are required, given as instances or selected by plug-in name. Not
 * thread-safe.
 *
 * <pre>{@code
 * Vault vault = Vault.builder()
 *         .source(source)
 *         .store(store)
 *         .maxConcurrentCooks(4)
 *         .maxBundleSize(BundleType.GIT_BARE, 4L << 30)
 *         .expiryPolicy(ExpiryPolicy.keepForever().withMaxIdle(Duration.ofDays(7)))
 *         .build();
 *
 * Vault byName = Vault.builder()
 *         .source("git", Map.of("path", "/srv/repo.git"))
 *         .store("fs", Map.of("path", "/var/cache/swhvault"))
 *         .requestStore("journal", Map.of("path", "/var/lib/swhvault/requests"))
 *         .cooker("flat", Map.of("level", "9"))
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
    private PluginParts.Choice sourcePlugin;
    private PluginParts.Choice storePlugin;
    private PluginParts.Choice requestStorePlugin = new PluginParts.Choice("memory", Map.of());
    private final Map<String, Map<String, String>> cookerSettings = new TreeMap<>();
    private Path tempDirectory;
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private int maxConcurrentCooks = VaultSettings.defaultMaxConcurrentCooks();
    private final Map<BundleType, Long> maxBundleSize = VaultSettings.defaultMaxBundleSizes();
    private Clock clock = Clock.systemUTC();
    private Duration leaseDuration = VaultSettings.DEFAULT_LEASE_DURATION;
    private int maxAttempts = VaultSettings.DEFAULT_MAX_ATTEMPTS;
    private Duration retryBackoff = VaultSettings.DEFAULT_RETRY_BACKOFF;
    private Duration availabilityHorizon = VaultSettings.DEFAULT_AVAILABILITY_HORIZON;
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
     * Selects the archive to cook from by plug-in name ({@link ObjectSourceProvider}, such as {@code git} with
     * {@code path}); the vault creates it when it is built and closes it when it closes. A source given with
     * {@link #source(ObjectSource)} wins over this.
     *
     * @param name the provider's name
     * @param config the source's settings
     * @return this builder
     */
    public VaultBuilder source(String name, Map<String, String> config) {
        this.sourcePlugin = new PluginParts.Choice(name, config);
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
     * Selects where cooked bundles go by plug-in name ({@link BundleStoreProvider}, such as {@code fs} with
     * {@code path}, or {@code s3} with {@code bucket}); the vault creates it when it is built and closes it
     * when it closes. A store given with {@link #store(BundleStore)} wins over this.
     *
     * @param name the provider's name
     * @param config the store's settings
     * @return this builder
     */
    public VaultBuilder store(String name, Map<String, String> config) {
        this.storePlugin = new PluginParts.Choice(name, config);
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
     * Sets where requests are recorded. The default is a {@link org.swhvault.core.request.MemoryRequestStore},
     * forgotten when the process ends; use {@link org.swhvault.core.request.JournalRequestStore} to survive
     * restarts. The vault
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
     * Selects where requests are recorded by plug-in name ({@link RequestStoreProvider}: {@code memory}, the
     * default, or {@code journal} with {@code path}); the vault creates it when it is built and closes it when
     * it closes. A request store given with {@link #requestStore(RequestStore)} wins over this.
     *
     * @param name the provider's name
     * @param config the request store's settings
     * @return this builder
     */
    public VaultBuilder requestStore(String name, Map<String, String> config) {
        this.requestStorePlugin = new PluginParts.Choice(name, config);
        return this;
    }

    /**
     * Gives the discovered cooker of a bundle type its settings, such as {@code cooker("flat", Map.of("level",
     * "9"))}; cookers without settings use their defaults. Ignored when {@link #cookers(Cookers)} is given.
     *
     * @param name the cooker's name: {@code flat}, {@code gitfast} or {@code git-bare}
     * @param config the cooker's settings
     * @return this builder
     */
    public VaultBuilder cooker(String name, Map<String, String> config) {
        cookerSettings.put(name, PluginParts.settings(name, config));
        return this;
    }

    /**
     * Sets the directory lent to plug-ins for their temporary files (the git-bare cooker builds packs there).
     * The default is {@code java.io.tmpdir}.
     *
     * @param directory an existing directory
     * @return this builder
     */
    public VaultBuilder tempDirectory(Path directory) {
        requireNonNull(directory, "directory is null");
        if (!Files.isDirectory(directory)) {
            throw invalid("tempDirectory must be an existing directory, got " + directory);
        }
        this.tempDirectory = directory;
        return this;
    }

    /**
     * Sets the executor cooks run on. The vault never hands it more than {@link #maxConcurrentCooks(int)}
     * cooks at a time, and does not shut it down. The default is a pool of {@code maxConcurrentCooks}
     * daemon threads, owned and shut down by the vault.
     *
     * @param executor the executor; an {@link java.util.concurrent.ExecutorService} must not be shut down
     * @return this builder
     */
    public VaultBuilder executor(Executor executor) {
        requireNonNull(executor, "executor is null");
        if (executor instanceof java.util.concurrent.ExecutorService service && service.isShutdown()) {
            throw invalid("executor is shut down: the vault would never cook on it");
        }
        this.executor = executor;
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
     * @param scheduler the scheduler, not shut down
     * @return this builder
     */
    public VaultBuilder scheduler(ScheduledExecutorService scheduler) {
        requireNonNull(scheduler, "scheduler is null");
        if (scheduler.isShutdown()) {
            throw invalid("scheduler is shut down: the vault renews its leases, retries and expires on it");
        }
        this.scheduler = scheduler;
        return this;
    }

    /**
     * Sets how long a worker's claim on a request lasts without renewal. The worker renews it every third
     * of this; when it runs out (the worker died), another worker takes the request over. The default is
     * one minute.
     *
     * @param lease a positive duration of at least 3 ms and at most 100 years
     * @return this builder
     */
    public VaultBuilder leaseDuration(Duration lease) {
        requireNonNull(lease, "lease is null");
        if (lease.compareTo(Duration.ofMillis(3)) < 0) {
            throw invalid("leaseDuration must be at least 3 ms, got " + lease);
        }
        VaultSettings.requireAtMostACentury("leaseDuration", lease);
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
     * Sets how long a cook waits, at most, for objects that have not reached this mirror yet. When the source is
     * eventually consistent (a mirror fed by replication) and an object the requested one references is
     * missing, the attempt fails with {@link ErrorCode#NOT_YET_AVAILABLE} and is tried again after the
     * {@linkplain #retryBackoff back-off}, doubling each time (at most an hour), regardless of
     * {@link #maxAttempts}, until the waits add up to more than this horizon; then the request fails. A content
     * is waited for too (no row yet, or visible but without bytes in the mirror's objstorage), except by the
     * last attempt the horizon leaves, which writes the reference vault's placeholder text for it, so that bytes
     * a mirror never receives do not stop a bundle for ever. The default is 24 hours.
     *
     * @param horizon a non-negative duration; zero fails at the first missing directory, revision or release,
     *     and writes the placeholder for a missing content at once, as the reference vault does
     * @return this builder
     */
    public VaultBuilder availabilityHorizon(Duration horizon) {
        requireNonNull(horizon, "horizon is null");
        if (horizon.isNegative()) {
            throw invalid("availabilityHorizon must not be negative, got " + horizon);
        }
        this.availabilityHorizon = horizon;
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
     * Checks the configuration, creates the parts selected by plug-in name and starts the vault: it queues
     * requests left new by a previous run, takes over orphaned pending ones, and starts its scheduled tasks.
     * Blocks while it opens the plug-ins and reads the request store. If anything fails, what it created is
     * closed again.
     *
     * @return the running vault, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the source or the store is missing or
     *     a plug-in refuses its settings, with {@link ErrorCode#PLUGIN_NOT_FOUND} if no plug-in has a name
     *     given, or as a plug-in fails to open
     */
    public Vault build() {
        if (source == null && sourcePlugin == null) {
            throw invalid("source is required: call source(ObjectSource) or source(name, settings)");
        }
        if (store == null && storePlugin == null) {
            throw invalid("store is required: call store(BundleStore) or store(name, settings)");
        }
        PluginParts parts = new PluginParts();
        try {
            return new Vault(settings(parts));
        } catch (RuntimeException | Error e) {
            parts.close();
            throw e;
        }
    }

    /** The settings as given so far, with the default of every part not given; creates nothing. */
    VaultSettings settings() {
        return settings(new PluginParts());
    }

    private VaultSettings settings(PluginParts parts) {
        String id = instanceId != null ? instanceId : VaultSettings.uniqueInstanceId();
        ScheduledExecutorService sched = scheduler;
        if (sched == null) {
            ScheduledExecutorService created = Executors.newSingleThreadScheduledExecutor(
                    VaultSettings.daemonThreads(id + "-scheduler"));
            parts.ownThreads(created);
            sched = created;
        }
        PluginContext context = new PluginContext(id, clock, sched,
                tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir")));
        ObjectSource theSource = source != null ? source
                : parts.create(ObjectSourceProvider.class, sourcePlugin, context);
        BundleStore theStore = store != null ? store : parts.create(BundleStoreProvider.class, storePlugin, context);
        RequestStore theRequests = requestStore != null ? requestStore
                : parts.create(RequestStoreProvider.class, requestStorePlugin, context);
        return new VaultSettings(theSource, theStore,
                cookers != null ? cookers : Cookers.discover(cookerSettings, context),
                theRequests, Optional.ofNullable(executor), sched, clock, listeners, id,
                maxConcurrentCooks, maxBundleSize, leaseDuration, maxAttempts, retryBackoff, availabilityHorizon,
                shutdownGracePeriod,
                expiryPolicy, parts);
    }

    private static VaultException invalid(String message) {
        return new VaultException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
