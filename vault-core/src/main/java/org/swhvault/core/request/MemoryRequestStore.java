package org.swhvault.core.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;

/**
 * A {@link RequestStore} in memory: fast, thread-safe, and forgotten when the process ends. The vault's
 * default; for tests, and for hosts that keep no state between runs. Never throws for storage reasons.
 */
public final class MemoryRequestStore implements RequestStore {
    private final RequestTable table = new RequestTable((change, durable) -> { }, "in memory");

    /** Creates an empty store. */
    public MemoryRequestStore() {
    }

    @Override
    public BundleRequest createIfAbsent(BundleKey key, Instant now) {
        return table.createIfAbsent(key, now);
    }

    /**
     * Creates the new row out of sight until {@link RowCreation#commit()}, as the journal does (without its
     * fsync): another creation of the bundle waits for it and gets the row as committed, never a row half made.
     */
    @Override
    public RowCreation beginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
            Runnable beforeCreating) {
        return table.lookUpOrBeginCreate(key, now, initial, beforeCreating, () -> { });
    }

    @Override
    public Optional<BundleRequest> get(BundleKey key) {
        return table.get(key);
    }

    @Override
    public Optional<BundleRequest> get(long id) {
        return table.get(id);
    }

    @Override
    public Optional<BundleRequest> compareAndSet(BundleRequest expected, BundleRequest updated) {
        return table.compareAndSet(expected, updated);
    }

    @Override
    public boolean delete(BundleRequest expected) {
        return table.delete(expected);
    }

    @Override
    public List<BundleRequest> list(RequestState state) {
        return table.list(state);
    }

    @Override
    public long createBatch(List<BundleKey> keys) {
        return table.createBatch(keys);
    }

    @Override
    public Optional<List<BundleKey>> batch(long id) {
        return table.batch(id);
    }

    @Override
    public String toString() {
        return "MemoryRequestStore[" + table.rowCount() + " requests]";
    }
}
