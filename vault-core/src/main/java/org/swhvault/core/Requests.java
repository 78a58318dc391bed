package org.swhvault.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;

/** What the vault does when asked: the request side of the state machine. Thread-safe. */
final class Requests {
    private final Engine engine;
    private final CookQueue queue;
    private final Recovery recovery;

    Requests(Engine engine, CookQueue queue, Recovery recovery) {
        this.engine = engine;
        this.queue = queue;
        this.recovery = recovery;
    }

    BundleStatus cook(BundleKey key, Optional<String> email) {
        engine.cookers.forObject(key.type(), key.swhid().type());
        Optional<String> notify = email.map(String::strip).filter(e -> !e.isEmpty());
        while (true) {
            BundleRequest row = engine.requests.get(key).orElse(null);
            if (row == null) {
                requireExists(key);
                row = engine.requests.createIfAbsent(key, engine.now());
                if (row.state() == RequestState.NEW) {
                    queue.submit(key);
                }
            }
            Optional<BundleStatus> status = switch (row.state()) {
                case NEW -> addEmail(row, notify);
                case PENDING -> {
                    if (row.lease().map(l -> l.isExpired(engine.now())).orElse(true)
                            && !queue.ownsLive(row.lease().map(l -> l.owner()).orElse(""))) {
                        recovery.takeOver(row);
                        yield Optional.empty();
                    }
                    yield addEmail(row, notify);
                }
                case DONE -> {
                    if (engine.stat(key).isPresent()) {
                        BundleStatus done = BundleStatus.of(row);
                        notify.ifPresent(e -> engine.listeners.done(done, List.of(e)));
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

    /** A failed request, or a done one whose bundle left the store, starts over under the same id. */
    private Optional<BundleStatus> cookAgain(BundleRequest row, Optional<String> notify) {
        requireExists(row.key());
        Instant now = engine.now();
        Optional<BundleStatus> status = engine.update(row, r -> r.version() == row.version(), r -> {
            BundleRequest.Builder b = r.toBuilder()
                    .state(RequestState.NEW)
                    .done(Optional.empty())
                    .attempts(0)
                    .failure(Optional.empty())
                    .progressMessage(Optional.empty())
                    .retryAt(Optional.empty())
                    .lastAccess(now);
            notify.ifPresent(b::addNotifyEmail);
            return b.build();
        }).map(t -> BundleStatus.of(t.after()));
        status.ifPresent(s -> queue.submit(row.key()));
        return status;
    }

    private Optional<BundleStatus> addEmail(BundleRequest row, Optional<String> notify) {
        if (notify.isEmpty() || row.notifyEmails().contains(notify.get())) {
            return Optional.of(BundleStatus.of(row));
        }
        return engine.update(row, r -> r.version() == row.version(),
                r -> r.toBuilder().addNotifyEmail(notify.get()).build())
                .map(t -> BundleStatus.of(t.after()));
    }

    private void requireExists(BundleKey key) {
        if (!engine.source.exists(key.swhid())) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, key.swhid() + " not found.");
        }
    }

    Optional<BundleStatus> status(BundleKey key) {
        Optional<BundleRequest> row = engine.requests.get(key);
        if (row.isEmpty() || (row.get().state() == RequestState.DONE && engine.stat(key).isEmpty())) {
            return Optional.empty();
        }
        return row.map(BundleStatus::of);
    }

    OpenBundle open(BundleKey key, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "A byte range needs a non-negative offset and length, got offset " + offset + " and length " + length + ".");
        }
        BundleRequest row = doneRow(key);
        BundleInfo info = engine.stat(key).orElseThrow(() -> notCooked(key));
        if (offset > info.size()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "The range starts at byte " + offset + " but the bundle has " + info.size() + " bytes.");
        }
        long n = Math.min(length, info.size() - offset);
        InputStream stream;
        try {
            stream = engine.store.open(key, offset, n);
        } catch (NoSuchFileException e) {
            throw notCooked(key);
        } catch (IOException e) {
            throw Engine.storeFailure(e);
        }
        touch(row);
        return new OpenBundle(info, offset, n, stream);
    }

    Optional<URI> downloadUrl(BundleKey key, Duration validity) {
        BundleRequest row = doneRow(key);
        engine.stat(key).orElseThrow(() -> notCooked(key));
        Optional<URI> url;
        try {
            url = engine.store.downloadUrl(key, validity);
        } catch (IOException e) {
            throw Engine.storeFailure(e);
        }
        url.ifPresent(u -> touch(row));
        return url;
    }

    private BundleRequest doneRow(BundleKey key) {
        return engine.requests.get(key).filter(r -> r.state() == RequestState.DONE).orElseThrow(() -> notCooked(key));
    }

    private void touch(BundleRequest row) {
        Instant now = engine.now();
        engine.update(row, r -> r.state() == RequestState.DONE, r -> r.toBuilder()
                .lastAccess(now.isAfter(r.lastAccess()) ? now : r.lastAccess())
                .build());
    }

    long cookBatch(List<BundleKey> keys) {
        List<BundleKey> unique = new ArrayList<>(new LinkedHashSet<>(keys));
        if (unique.isEmpty()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "A batch needs at least one bundle.");
        }
        for (BundleKey key : unique) {
            engine.cookers.forObject(key.type(), key.swhid().type());
            requireExists(key);
        }
        for (BundleKey key : unique) {
            cook(key, Optional.empty());
        }
        return engine.requests.createBatch(unique);
    }

    BatchStatus batchStatus(long id) {
        List<BundleKey> keys = engine.requests.batch(id)
                .orElseThrow(() -> new VaultException(ErrorCode.OBJECT_NOT_FOUND, "Batch " + id + " does not exist."));
        List<BundleStatus> statuses = new ArrayList<>();
        for (BundleKey key : keys) {
            status(key).ifPresent(statuses::add);
        }
        return BatchStatus.of(id, statuses);
    }

    void setSticky(BundleKey key, boolean sticky) {
        BundleRequest row = engine.requests.get(key).orElseThrow(() -> neverRequested(key));
        if (engine.update(row, r -> true, r -> r.toBuilder().sticky(sticky).build()).isEmpty()) {
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
