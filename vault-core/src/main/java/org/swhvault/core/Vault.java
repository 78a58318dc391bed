package org.swhvault.core;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * The Software Heritage Vault, embedded: takes requests for bundles, cooks them in the background from an
 * {@link org.swhvault.spi.source.ObjectSource} into a {@link org.swhvault.spi.store.BundleStore}, serves them,
 * and expires them. Each bundle's request moves through {@code new → pending → done | failed}:
 * <ul>
 * <li>requesting a bundle is idempotent, and any number of concurrent requests cook it once;</li>
 * <li>a failed bundle, or a done one whose file left the store, is cooked again on the next request;</li>
 * <li>a pending request is leased to its worker, which renews the lease; when a worker dies, its request
 * is taken over once the lease runs out, a bounded number of times;</li>
 * <li>failures are classified (object missing, bundle too large, store or archive failure retried with
 * back-off, internal error) and shown as one sentence, never a stack trace;</li>
 * <li>expiry runs on its own by age, idle time and total size; sticky bundles never expire.</li>
 * </ul>
 * Create one with {@link #builder()}. Thread-safe. Unless said otherwise, methods block only on the request
 * store, the bundle store and the object source. Methods throw {@link VaultException} with
 * {@link ErrorCode#STORE_FAILURE} when a store fails and {@link IllegalStateException} once closed.
 */
public final class Vault implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vault.class);
    /** How long closing waits for cancelled cooks to hand their requests back. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    /** How often {@link #awaitCompletion} reads the request store, for changes other vaults make. */
    private static final long AWAIT_READ_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String instanceId;
    private final Completions completions = new Completions();
    private final CookQueue queue;
    private final Requests requests;
    private final Expirer expirer;
    private final ExpiryPolicy expiryPolicy;
    private final Duration shutdownGracePeriod;
    private final org.swhvault.core.cook.Cookers cookers;
    private final ExecutorService ownedExecutor;
    private final PluginParts owned;
    private final VaultSettings settings;
    private final Listeners listeners;
    /** A bundle nobody cooks, whose stat tells whether the bundle store answers. */
    private static final BundleKey READY_PROBE = new BundleKey(BundleType.FLAT,
            Swhid.parse("swh:1:dir:0000000000000000000000000000000000000000"));
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean closed;
    /** Set by the first {@link #close()}: a second one, even concurrent, returns at once. */
    private final AtomicBoolean closing = new AtomicBoolean();

    Vault(VaultSettings settings) {
        this.cookers = settings.cookers();
        if (settings.cookers().all().isEmpty()) {
            LOG.warn("No cooker found: every cooking request will be refused. Put vault cookers on the class path "
                    + "or pass them with VaultBuilder.cookers(...)");
        }
        this.instanceId = settings.instanceId();
        this.ownedExecutor = settings.executor().isPresent() ? null
                : Executors.newFixedThreadPool(settings.maxConcurrentCooks(),
                        VaultSettings.daemonThreads(instanceId + "-cook"));
        this.owned = settings.owned();
        ScheduledExecutorService scheduler = settings.scheduler();
        this.settings = settings;
        this.listeners = new Listeners(settings.listeners());
        RequestLifecycle lifecycle = new RequestLifecycle(settings, listeners, completions);
        this.queue = new CookQueue(settings, settings.executor().orElse(ownedExecutor), scheduler,
                (key, owner) -> new CookJob(settings, lifecycle, key, owner));
        Recovery recovery = new Recovery(settings, lifecycle, queue);
        this.requests = new Requests(settings, lifecycle, listeners, queue, recovery);
        this.expirer = new Expirer(settings);
        this.expiryPolicy = settings.expiryPolicy();
        this.shutdownGracePeriod = settings.shutdownGracePeriod();

        try {
            recovery.sweep(true);
            long lease = settings.leaseDuration().toMillis();
            tasks.add(scheduler.scheduleAtFixedRate(guard("lease renewal", recovery::heartbeat),
                    lease / 3, lease / 3, TimeUnit.MILLISECONDS));
            tasks.add(scheduler.scheduleWithFixedDelay(guard("recovery", () -> recovery.sweep(false)),
                    lease / 2, lease / 2, TimeUnit.MILLISECONDS));
            if (expiryPolicy.hasLimits()) {
                long every = expiryPolicy.interval().toMillis();
                // vaults sharing a request store expire in turn, not all at once
                tasks.add(scheduler.scheduleWithFixedDelay(guard("expiry", () -> settings.requestStore()
                        .runExclusively("expiry", () -> expirer.run(expiryPolicy))), every, every, TimeUnit.MILLISECONDS));
            }
            // new work recorded by another vault sharing the request store starts here at once if this one has
            // room for it; a busy vault leaves it to idle ones (its periodic sweep still comes), so that a burst of
            // new requests does not make every vault list every new request each time; wake-ups that come while a
            // sweep waits to run are served by that sweep
            AtomicBoolean sweepWaiting = new AtomicBoolean();
            int slots = settings.maxConcurrentCooks();
            settings.requestStore().onNewWork(() -> {
                if (!closed && queue.waiting() == 0 && runningCooks() < slots
                        && sweepWaiting.compareAndSet(false, true)) {
                    scheduler.execute(guard("new work", () -> {
                        sweepWaiting.set(false);
                        recovery.sweepNew();
                    }));
                }
            });
        } catch (RuntimeException e) {
            closed = true;
            tasks.forEach(t -> t.cancel(false));
            releaseOwned(System.nanoTime());
            if (e instanceof RejectedExecutionException) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "The scheduler refused the vault's tasks (is it "
                        + "shut down?): the vault renews its leases, retries and expires on it.", e);
            }
            throw e;
        }
        LOG.info("Vault {} started: cookers {}, store {}, requests in {}", instanceId,
                settings.cookers().all().stream().map(c -> c.bundleType().apiName()).toList(), settings.store(),
                settings.requestStore());
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static VaultBuilder builder() {
        return new VaultBuilder();
    }

    /**
     * Requests a bundle, like {@code POST /vault/<type>/<swhid>/}: same as
     * {@link #cook(BundleType, Swhid, Optional)} without an address to notify.
     *
     * @param type the bundle type
     * @param swhid the object; qualifiers are ignored
     * @return the request's status
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} if no cooker makes this type of bundle of
     *     this type of object, {@link ErrorCode#OBJECT_NOT_FOUND} if the archive lacks the object
     */
    public BundleStatus cook(BundleType type, Swhid swhid) {
        return cook(type, swhid, Optional.empty());
    }

    /**
     * Requests a bundle and returns at once; the cooking happens in the background. Idempotent: a bundle
     * requested, being cooked or cooked is not cooked again, and concurrent requests cook it once. A failed
     * bundle, or a cooked one no longer in the store, is cooked again (same id). The object's existence is
     * checked now, as the reference vault does.
     *
     * @param type the bundle type
     * @param swhid the object; qualifiers are ignored
     * @param notifyEmail an address the listeners are told to notify when cooking ends; if the bundle is
     *     already cooked, {@link VaultListener#onDone} is called at once with it
     * @return the request's status
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} and the reference's refusal message if no
     *     cooker makes this type of bundle of this type of object, {@link ErrorCode#OBJECT_NOT_FOUND}
     *     "{@code <swhid> not found.}" if the archive lacks the object
     */
    public BundleStatus cook(BundleType type, Swhid swhid, Optional<String> notifyEmail) {
        return cook(new BundleKey(type, swhid), notifyEmail);
    }

    /**
     * Requests a bundle, compressed as its key says, and returns at once; otherwise as
     * {@link #cook(BundleType, Swhid, Optional)}. Bundles differing only in compression are requested, cooked
     * and stored apart.
     *
     * @param key the bundle
     * @param notifyEmail an address the listeners are told to notify when cooking ends
     * @return the request's status
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} if no cooker makes this bundle, or none compresses
     *     it that way; {@link ErrorCode#OBJECT_NOT_FOUND} if the archive lacks the object
     */
    public BundleStatus cook(BundleKey key, Optional<String> notifyEmail) {
        requireNonNull(key, "key is null");
        requireNonNull(notifyEmail, "notifyEmail is null");
        checkOpen();
        return requests.cook(key, notifyEmail);
    }

    /**
     * Returns the status of a bundle, like {@code GET /vault/<type>/<swhid>/}.
     *
     * @param type the bundle type
     * @param swhid the object
     * @return the status, or empty if the bundle was never requested, was evicted, or is done but no longer
     *     in the store
     */
    public Optional<BundleStatus> status(BundleType type, Swhid swhid) {
        return status(new BundleKey(type, swhid));
    }

    /**
     * Returns the status of a bundle, compressed as its key says; otherwise as {@link #status(BundleType, Swhid)}.
     *
     * @param key the bundle
     * @return the status, or empty if the bundle was never requested, was evicted, or is done but no longer
     *     in the store
     */
    public Optional<BundleStatus> status(BundleKey key) {
        requireNonNull(key, "key is null");
        checkOpen();
        return requests.status(key);
    }

    /**
     * Opens a whole cooked bundle. Same as {@link #open(BundleType, Swhid, long, long)} from byte 0 to the end.
     *
     * @param type the bundle type
     * @param swhid the object
     * @return the open bundle, which the caller closes
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} "{@code Cooked archive for <swhid> not
     *     found.}" unless the bundle is done and in the store
     */
    public OpenBundle open(BundleType type, Swhid swhid) {
        return open(type, swhid, 0, Long.MAX_VALUE);
    }

    /**
     * Opens a byte range of a cooked bundle, like {@code GET /vault/<type>/<swhid>/raw/} with a
     * {@code Range} header, and records the access (expiry by idle time counts from it).
     *
     * @param type the bundle type
     * @param swhid the object
     * @param offset the first byte, at most the bundle's size
     * @param length how many bytes at most; {@code Long.MAX_VALUE} for the rest of the bundle
     * @return the open bundle, which the caller closes; its length may be shorter than asked
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} "{@code Cooked archive for <swhid> not
     *     found.}" unless the bundle is done and in the store; {@link ErrorCode#INVALID_ARGUMENT} if the offset
     *     or the length is negative or the offset is past the end
     */
    public OpenBundle open(BundleType type, Swhid swhid, long offset, long length) {
        return open(new BundleKey(type, swhid), offset, length);
    }

    /**
     * Opens a byte range of a cooked bundle, compressed as its key says; otherwise as
     * {@link #open(BundleType, Swhid, long, long)}.
     *
     * @param key the bundle
     * @param offset the first byte, at most the bundle's size
     * @param length how many bytes at most; {@code Long.MAX_VALUE} for the rest of the bundle
     * @return the open bundle, which the caller closes
     * @throws VaultException as {@link #open(BundleType, Swhid, long, long)}
     */
    public OpenBundle open(BundleKey key, long offset, long length) {
        requireNonNull(key, "key is null");
        checkOpen();
        return requests.download(key, Optional.empty()).open(offset, length);
    }

    /**
     * Returns a URL a client can download the cooked bundle from directly, when the store can sign one (an
     * object store); records the access.
     *
     * @param type the bundle type
     * @param swhid the object
     * @param validity how long the URL stays valid
     * @return the URL, or empty if the store cannot sign URLs (then serve {@link #open(BundleType, Swhid)})
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} "{@code Cooked archive for <swhid> not
     *     found.}" unless the bundle is done and in the store
     */
    public Optional<URI> downloadUrl(BundleType type, Swhid swhid, Duration validity) {
        return download(type, swhid, validity).url();
    }

    /**
     * Prepares the download of a cooked bundle, as a server answers {@code GET /vault/<type>/<swhid>/raw/}: reads
     * the request and asks the store once (its size and checksum, and a signed URL if it can make one), and
     * records the access. The server then redirects to the URL, or opens the whole bundle or the range it
     * decided on once.
     *
     * @param type the bundle type
     * @param swhid the object
     * @param urlValidity how long a signed URL stays valid
     * @return the download
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} "{@code Cooked archive for <swhid> not
     *     found.}" unless the bundle is done and in the store; {@link ErrorCode#STORE_FAILURE} if the store fails
     */
    public Download download(BundleType type, Swhid swhid, Duration urlValidity) {
        return download(new BundleKey(type, swhid), urlValidity);
    }

    /**
     * Prepares the download of a cooked bundle, compressed as its key says; otherwise as
     * {@link #download(BundleType, Swhid, Duration)}.
     *
     * @param key the bundle
     * @param urlValidity how long a signed URL stays valid
     * @return the download
     * @throws VaultException as {@link #download(BundleType, Swhid, Duration)}
     */
    public Download download(BundleKey key, Duration urlValidity) {
        requireNonNull(key, "key is null");
        requireNonNull(urlValidity, "urlValidity is null");
        checkOpen();
        return requests.download(key, Optional.of(urlValidity));
    }

    /**
     * Requests several bundles at once and records them as a batch. Every bundle is checked first: if one
     * cannot be cooked, none is requested.
     *
     * @param bundles the bundles, at least one; duplicates count once
     * @return the batch's id, for {@link #batchStatus(long)}
     * @throws VaultException as {@link #cook(BundleType, Swhid)} for the first bundle that cannot be cooked,
     *     or with {@link ErrorCode#INVALID_ARGUMENT} if the list is empty
     */
    public long cookBatch(List<BundleKey> bundles) {
        requireNonNull(bundles, "bundles is null");
        checkOpen();
        return requests.cookBatch(bundles);
    }

    /**
     * Returns the status of a batch.
     *
     * @param id the batch's id
     * @return its status; evicted bundles are left out
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} "{@code Batch <id> does not exist.}"
     */
    public BatchStatus batchStatus(long id) {
        checkOpen();
        return requests.batchStatus(id);
    }

    /**
     * Marks a bundle as sticky (never expired) or not.
     *
     * @param key the bundle
     * @param sticky the flag
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} "{@code Cooking of <swhid> was never
     *     requested.}" if there is no request for it
     */
    public void setSticky(BundleKey key, boolean sticky) {
        requireNonNull(key, "key is null");
        checkOpen();
        requests.setSticky(key, sticky);
    }

    /**
     * Returns the bundle types this vault cooks: those of its cookers. Does not block.
     *
     * @return the types, in their declaration order
     */
    public java.util.Set<BundleType> bundleTypes() {
        java.util.Set<BundleType> types = java.util.EnumSet.noneOf(BundleType.class);
        cookers.all().forEach(c -> types.add(c.bundleType()));
        return java.util.Collections.unmodifiableSet(types);
    }

    /**
     * Returns the object types this vault cooks into bundles of a type: those its cookers of that type accept.
     * Does not block.
     *
     * @param type the bundle type
     * @return the object types, in their declaration order; empty if no cooker makes that type
     */
    public java.util.Set<ObjectType> objectTypes(BundleType type) {
        requireNonNull(type, "type is null");
        java.util.Set<ObjectType> types = java.util.EnumSet.noneOf(ObjectType.class);
        cookers.all().stream().filter(c -> c.bundleType() == type).forEach(c -> types.addAll(c.objectTypes()));
        return java.util.Collections.unmodifiableSet(types);
    }

    /**
     * Returns how this vault can compress bundles of a type: {@link BundleCompression#GZIP}, the reference's,
     * and for {@code flat} and {@code gitfast} {@link BundleCompression#ZSTD} when the cooker offers it. Does not
     * block.
     *
     * @param type the bundle type
     * @return the compressions, in their declaration order; empty if no cooker makes that type
     */
    public java.util.Set<BundleCompression> compressions(BundleType type) {
        return java.util.Collections.unmodifiableSet(cookers.compressions(type));
    }

    /**
     * Returns the largest bundle of a type this vault cooks: a cook that writes more fails with
     * {@link ErrorCode#BUNDLE_TOO_LARGE}. Does not block.
     *
     * @param type the bundle type
     * @return the limit in bytes; {@link Long#MAX_VALUE} for none
     */
    public long maxBundleSize(BundleType type) {
        requireNonNull(type, "type is null");
        return settings.maxBundleSize(type);
    }

    /**
     * Returns the latest progress reported by the cook of a bundle running in this vault. Vaults sharing a
     * request store each know only their own cooks; {@link CookProgress#parse} reads the counts of any cook
     * from its status's progress message, which they all see. Does not block.
     *
     * @param type the bundle type
     * @param swhid the object
     * @return the progress, or empty if the bundle is not cooking here or its cooker reported nothing yet
     */
    public Optional<CookProgress> progress(BundleType type, Swhid swhid) {
        return progress(new BundleKey(type, swhid));
    }

    /**
     * Returns the latest progress reported by the cook of a bundle running in this vault, compressed as its key
     * says; otherwise as {@link #progress(BundleType, Swhid)}.
     *
     * @param key the bundle
     * @return the progress, or empty if the bundle is not cooking here or its cooker reported nothing yet
     */
    public Optional<CookProgress> progress(BundleKey key) {
        requireNonNull(key, "key is null");
        for (CookJob job : queue.activeJobs()) {
            if (job.key().equals(key)) {
                return job.progress();
            }
        }
        return Optional.empty();
    }

    /**
     * Returns what the bundle store holds of a bundle (its size, checksum and publication time), without
     * recording an access as a download does. Blocks on one look at the store.
     *
     * @param type the bundle type
     * @param swhid the object
     * @return what the store knows, or empty if it does not hold the bundle
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} if the store fails
     */
    public Optional<BundleInfo> stored(BundleType type, Swhid swhid) {
        return stored(new BundleKey(type, swhid));
    }

    /**
     * Returns what the bundle store holds of a bundle, compressed as its key says; otherwise as
     * {@link #stored(BundleType, Swhid)}.
     *
     * @param key the bundle
     * @return what the store knows, or empty if it does not hold the bundle
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} if the store fails
     */
    public Optional<BundleInfo> stored(BundleKey key) {
        requireNonNull(key, "key is null");
        checkOpen();
        return requests.stat(key);
    }

    /**
     * Checks that this vault cooks bundles of {@code type} for objects of {@code swhid}'s type, as
     * {@link #cook} does first. Does not block.
     *
     * @param type the bundle type
     * @param swhid the object
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} and the reference's sentence (with its hint,
     *     such as "Use `/api/1/vault/flat/` to cook directories, as flat bundles.") if it does not
     */
    public void checkCookable(BundleType type, Swhid swhid) {
        requireNonNull(type, "type is null");
        requireNonNull(swhid, "swhid is null");
        cookers.forObject(type, swhid.type());
    }

    /**
     * Checks that this vault cooks the bundle {@code key} names, compressed that way, as {@link #cook} does first.
     * Does not block.
     *
     * @param key the bundle
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} as {@link #checkCookable(BundleType, Swhid)}, or
     *     if no cooker compresses the bundle that way
     */
    public void checkCookable(BundleKey key) {
        cookers.forKey(key);
    }

    /**
     * Returns how many cooks this vault is running now (not those queued). Does not block.
     *
     * @return the number of running cooks
     */
    public int runningCooks() {
        return queue.activeJobs().size();
    }

    /**
     * Returns how many bundles wait to cook in this vault: queued, or waiting for a retry, not yet running.
     *
     * @return the number of waiting cooks
     */
    public int waitingCooks() {
        return queue.waiting();
    }

    /**
     * Adds a listener to a running vault, after those given to the builder: for parts of a host built after the
     * vault, such as a server's metrics.
     *
     * @param listener the listener
     */
    public void addListener(VaultListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Checks that the vault can serve: it can cook (the executor it cooks on did not refuse the last cook it was
     * given, as a host's executor shut down under a running vault does), and its request store and its bundle
     * store answer. Blocks on one read of each.
     *
     * @return empty if all is well, else a sentence saying what is not and why
     */
    public Optional<String> checkReady() {
        if (closed) {
            return Optional.of("The vault is closed.");
        }
        Optional<String> refusal = queue.refusal();
        if (refusal.isPresent()) {
            return Optional.of("The vault cannot cook: " + refusal.get());
        }
        try {
            settings.requestStore().checkAnswers();
        } catch (RuntimeException e) {
            return Optional.of("The request store (" + settings.requestStore() + ") does not answer: " + e.getMessage());
        }
        try {
            settings.store().stat(READY_PROBE);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("The bundle store (" + settings.store() + ") does not answer: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Returns how long {@link #close()} lets running cooks finish before it cancels them. */
    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    /**
     * Applies the expiry policy now, as the vault does on its own every {@link ExpiryPolicy#interval()}.
     * Blocks while it lists and deletes.
     *
     * @return what was evicted
     */
    public ExpiryReport expireNow() {
        checkOpen();
        return expirer.run(expiryPolicy);
    }

    /**
     * Waits until a bundle is done or failed. Handy for command lines and tests; servers poll
     * {@link #status(BundleType, Swhid)} instead. Blocks for at most {@code timeout} (measured on the system
     * timer, not the vault's clock).
     *
     * @param type the bundle type
     * @param swhid the object
     * @param timeout how long to wait at most
     * @return the status when it became done or failed, or when the time ran out (then still new or pending)
     * @throws VaultException with {@link ErrorCode#OBJECT_NOT_FOUND} "{@code Cooking of <swhid> was never
     *     requested.}" if the bundle was not requested (or evicted); {@link ErrorCode#CANCELLED} if the thread
     *     is interrupted
     */
    public BundleStatus awaitCompletion(BundleType type, Swhid swhid, Duration timeout) {
        return awaitCompletion(new BundleKey(type, swhid), timeout);
    }

    /**
     * Waits until a bundle, compressed as its key says, is done or failed; otherwise as
     * {@link #awaitCompletion(BundleType, Swhid, Duration)}.
     *
     * @param key the bundle
     * @param timeout how long to wait at most
     * @return the status when it became done or failed, or when the time ran out
     * @throws VaultException as {@link #awaitCompletion(BundleType, Swhid, Duration)}
     */
    public BundleStatus awaitCompletion(BundleKey key, Duration timeout) {
        requireNonNull(key, "key is null");
        requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + VaultSettings.nanos(timeout);
        completions.startWaiting(key);
        try {
            checkOpen();
            long seen = completions.count();
            BundleStatus status = requests.status(key).orElseThrow(() -> Requests.neverRequested(key));
            long read = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                long left = deadline - now;
                if (status.state().isFinal() || left <= 0) {
                    return status;
                }
                try {
                    // Woken by this vault's workers; reading the store again each second catches changes made
                    // by other vaults (but not each time a worker here finishes another bundle).
                    long untilRead = Math.max(0, read + AWAIT_READ_INTERVAL_NANOS - now);
                    completions.await(seen, TimeUnit.NANOSECONDS.toMillis(Math.min(left, untilRead)) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VaultException(ErrorCode.CANCELLED, "Interrupted while waiting for " + key + ".");
                }
                checkOpen();
                // a worker of this vault that finished it passed the row on: no need to read it back
                Optional<BundleRequest> finished = completions.finalSince(key, seen);
                seen = completions.count();
                now = System.nanoTime();
                if (finished.isPresent() || now - read >= AWAIT_READ_INTERVAL_NANOS || now - deadline >= 0) {
                    status = finished.flatMap(requests::status).or(() -> requests.status(key))
                            .orElseThrow(() -> Requests.neverRequested(key));
                    read = now;
                }
            }
        } finally {
            completions.stopWaiting(key);
        }
    }

    /**
     * Stops the vault. New requests are refused; queued bundles stay {@code new} in the request store (a
     * durable one hands them to the next run); running cooks may finish during the shutdown grace period,
     * after which they are asked to stop and hand their requests back (at once if the calling thread is
     * interrupted, before or during the call: the interrupt cuts the grace period short, the rest of the closing
     * still happens, and the thread's interrupt flag is kept). Blocks for at most the grace period
     * plus 10 seconds (a cooker that ignores cancellation is left running; its lease runs out and the request
     * is taken over later). Stops the threads it created and, within that bound, waits for them to end, so that
     * once it returns no task of the vault still uses the stores (unless a cooker ignored cancellation, or it is
     * called from a listener on a cook thread); then closes the parts the builder created by name (a source,
     * store or request store selected by plug-in name); never those the host passed as instances, nor a
     * scheduler or executor the host gave (a task of the vault that is running on it may still finish).
     * Idempotent, also when called from several threads at once.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + VaultSettings.nanos(shutdownGracePeriod) + VaultSettings.nanos(CANCEL_WAIT);
        if (!queue.close(shutdownGracePeriod, CANCEL_WAIT)) {
            LOG.warn("Vault {} closed with cooks still running; their leases will run out and they will be "
                    + "taken over", instanceId);
        }
        tasks.forEach(t -> t.cancel(false));
        // a listener closing the vault on a cook thread would wait for itself
        String thread = Thread.currentThread().getName();
        boolean onOwnThread = thread.startsWith(instanceId + "-cook-") || thread.startsWith(instanceId + "-scheduler-");
        releaseOwned(onOwnThread ? System.nanoTime() : deadline);
        LOG.info("Vault {} closed", instanceId);
    }

    /**
     * Stops the threads this vault created and waits until {@code deadline} ({@link System#nanoTime()}) for them
     * to end, then closes the parts it created: the host may close its own stores once {@link #close()} returns.
     */
    private void releaseOwned(long deadline) {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            PluginParts.awaitTermination(List.of(ownedExecutor), deadline);
        }
        owned.close(deadline);
    }

    @Override
    public String toString() {
        return "Vault[" + instanceId + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The vault is closed.");
        }
    }

    private static Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (e instanceof VaultException v && v.code().retryable()) {
                    // a store that is away (a PostgreSQL restart): its sentence says all, and recurs while it lasts
                    LOG.warn("Vault {} failed; it will run again: {}", what, e.getMessage());
                } else {
                    LOG.error("Vault {} failed; it will run again", what, e);
                }
            }
        };
    }
}
