package org.swhvault.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;

/** What the vault does when asked; the {@link RequestLifecycle} decides what that does to a request. Thread-safe. */
final class Requests {
    private final VaultSettings settings;
    private final RequestStore requests;
    private final RequestLifecycle lifecycle;
    private final Listeners listeners;
    private final CookQueue queue;
    private final Recovery recovery;

    Requests(VaultSettings settings, RequestLifecycle lifecycle, Listeners listeners, CookQueue queue,
            Recovery recovery) {
        this.settings = settings;
        this.requests = settings.requestStore();
        this.lifecycle = lifecycle;
        this.listeners = listeners;
        this.queue = queue;
        this.recovery = recovery;
    }

    BundleStatus cook(BundleKey key, Optional<String> email) {
        settings.cookers().forKey(key);
        Optional<String> notify = email.map(String::strip).filter(e -> !e.isEmpty());
        int lostClaims = 0;
        while (true) {
            BundleRequest row;
            try {
                row = lookUpOrCreate(key);
            } catch (ClaimNotStored e) {
                // nothing was created and nothing will be published: look again (the store retries its own way)
                if (++lostClaims >= MAX_LOST_CLAIMS) {
                    throw e.failure;
                }
                continue;
            }
            Optional<BundleStatus> status = switch (row.state()) {
                case NEW -> addEmail(row, notify);
                case PENDING -> recovery.takeOverIfOrphaned(row, false) ? Optional.empty() : addEmail(row, notify);
                case DONE -> {
                    if (stat(key).isPresent()) {
                        BundleStatus done = BundleStatus.of(row);
                        notify.ifPresent(e -> listeners.done(done, List.of(e)));
                        yield Optional.of(done);
                    }
                    yield cookAgain(row, notify);
                }
                case FAILED -> cookAgain(row, notify);
            };
            if (status.isPresent()) {
                return status.get();
            }
        }
    }

    /**
     * Returns the request, creating it if there is none (after checking that the object exists). With room to
     * cook it now, it is created already claimed and cooked at once, which saves the claim's write and the
     * hand-off through the queue (and other vaults' wake-up); the cook starts while the store commits the
     * claim, and publishes the bundle only once the commit succeeded.
     *
     * @throws ClaimNotStored if the new request (claimed: its cook was then stopped) could not be committed: nothing
     *     was created
     */
    private BundleRequest lookUpOrCreate(BundleKey key) {
        Optional<String> slot = queue.reserve();
        if (slot.isEmpty()) {
            // looked up and created in one round trip where the store can (the object's check runs first then)
            RowCreation creation = requests.beginCreate(key, settings.clock().instant(), UnaryOperator.identity(),
                    () -> requireExists(key));
            try {
                creation.commit();
            } catch (RuntimeException e) {
                throw new ClaimNotStored(e); // nothing was created: look again
            }
            BundleRequest row = creation.row();
            if (row.state() == RequestState.NEW && row.retryAt().isEmpty()) {
                queue.submit(row); // a key queued already, here or elsewhere, is claimed once all the same
            }
            return row;
        }
        RowCreation creation;
        try {
            creation = lifecycle.beginClaimed(key, slot.get(), () -> requireExists(key));
        } catch (RuntimeException e) {
            queue.release();
            throw e;
        }
        BundleRequest row = creation.row();
        if (!RequestLifecycle.claimedBy(row, slot.get())) {
            queue.release(); // the row was there: whoever made it new queued or announced it
            return row;
        }
        ClaimCommit claim = new ClaimCommit(creation);
        try {
            queue.runClaimed(row, slot.get(), claim);
        } catch (RuntimeException e) {
            claim.abort(e);
            throw e;
        }
        Optional<RuntimeException> failure = claim.commit();
        if (failure.isPresent()) {
            throw new ClaimNotStored(failure.get());
        }
        return row;
    }

    /** How many times a request whose claim could not be stored is tried again before the failure is thrown. */
    private static final int MAX_LOST_CLAIMS = 3;

    /** A new request (claimed or not) that could not be committed; the vault looks the request up again. */
    private static final class ClaimNotStored extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException failure;

        ClaimNotStored(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** A failed request, or a done one whose bundle left the store, starts over under the same id. */
    private Optional<BundleStatus> cookAgain(BundleRequest row, Optional<String> notify) {
        requireExists(row.key());
        Optional<BundleRequest> restarted = lifecycle.restart(row, notify);
        restarted.ifPresent(queue::submit);
        return restarted.map(BundleStatus::of);
    }

    private Optional<BundleStatus> addEmail(BundleRequest row, Optional<String> notify) {
        if (notify.isEmpty() || row.notifyEmails().contains(notify.get())) {
            return Optional.of(BundleStatus.of(row));
        }
        return lifecycle.addEmail(row, notify.get()).map(BundleStatus::of);
    }

    private void requireExists(BundleKey key) {
        if (!settings.source().exists(key.swhid())) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, key.swhid() + " not found.");
        }
    }

    Optional<BundleStatus> status(BundleKey key) {
        return requests.get(key).flatMap(this::status);
    }

    /** The status a row gives, or empty if it is done but its bundle left the store. */
    Optional<BundleStatus> status(BundleRequest row) {
        if (row.state() == RequestState.DONE && stat(row.key()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(BundleStatus.of(row));
    }

    /** Reads the request and asks the store once; asks for a URL only if {@code validity} is given. */
    Download download(BundleKey key, Optional<Duration> validity) {
        BundleRequest row = doneRow(key);
        BundleInfo info = stat(key).orElseThrow(() -> notCooked(key));
        Optional<URI> url = Optional.empty();
        if (validity.isPresent()) {
            try {
                url = settings.store().downloadUrl(key, validity.get());
            } catch (IOException e) {
                throw Failures.storeFailure(e);
            }
        }
        lifecycle.touch(row);
        return new Download(key, info, url, settings.store());
    }

    private BundleRequest doneRow(BundleKey key) {
        return requests.get(key).filter(r -> r.state() == RequestState.DONE).orElseThrow(() -> notCooked(key));
    }

    /** Returns what the store knows about a bundle. */
    Optional<BundleInfo> stat(BundleKey key) {
        try {
            return settings.store().stat(key);
        } catch (IOException e) {
            throw Failures.storeFailure(e);
        }
    }

    long cookBatch(List<BundleKey> keys) {
        List<BundleKey> unique = new ArrayList<>(new LinkedHashSet<>(keys));
        if (unique.isEmpty()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "A batch needs at least one bundle.");
        }
        for (BundleKey key : unique) {
            settings.cookers().forKey(key);
            requireExists(key);
        }
        for (BundleKey key : unique) {
            cook(key, Optional.empty());
        }
        return requests.createBatch(unique);
    }

    BatchStatus batchStatus(long id) {
        List<BundleKey> keys = requests.batch(id)
                .orElseThrow(() -> new VaultException(ErrorCode.OBJECT_NOT_FOUND, "Batch " + id + " does not exist."));
        List<BundleStatus> statuses = new ArrayList<>();
        for (BundleKey key : keys) {
            status(key).ifPresent(statuses::add);
        }
        return BatchStatus.of(id, statuses);
    }

    void setSticky(BundleKey key, boolean sticky) {
        BundleRequest row = requests.get(key).orElseThrow(() -> neverRequested(key));
        if (!lifecycle.setSticky(row, sticky)) {
            throw neverRequested(key);
        }
    }

    static VaultException notCooked(BundleKey key) {
        return new VaultException(ErrorCode.OBJECT_NOT_FOUND, "Cooked archive for " + key.swhid() + " not found.");
    }

    static VaultException neverRequested(BundleKey key) {
        return new VaultException(ErrorCode.OBJECT_NOT_FOUND, "Cooking of " + key.swhid() + " was never requested.");
    }
}
