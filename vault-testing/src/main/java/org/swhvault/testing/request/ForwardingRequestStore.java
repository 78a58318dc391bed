package org.swhvault.testing.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;

import static java.util.Objects.requireNonNull;

/**
 * A real request store whose answers a test may change by overriding methods, to play a database that fails
 * a commit or a disk that fails an fsync. Every method forwards to the wrapped store, the defaults of
 * {@link RequestStore} included.
 */
public class ForwardingRequestStore implements RequestStore {
    /** The wrapped store. */
    protected final RequestStore delegate;

    /**
     * Wraps a store.
     *
     * @param delegate the store every call goes to
     */
    public ForwardingRequestStore(RequestStore delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public BundleRequest createIfAbsent(BundleKey key, Instant now) {
        return delegate.createIfAbsent(key, now);
    }

    @Override
    public BundleRequest createIfAbsent(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial) {
        return delegate.createIfAbsent(key, now, initial);
    }

    @Override
    public RowCreation beginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
            Runnable beforeCreating) {
        return delegate.beginCreate(key, now, initial, beforeCreating);
    }

    @Override
    public Optional<BundleRequest> get(BundleKey key) {
        return delegate.get(key);
    }

    @Override
    public Optional<BundleRequest> get(long id) {
        return delegate.get(id);
    }

    @Override
    public Optional<BundleRequest> compareAndSet(BundleRequest expected, BundleRequest updated) {
        return delegate.compareAndSet(expected, updated);
    }

    @Override
    public boolean delete(BundleRequest expected) {
        return delegate.delete(expected);
    }

    @Override
    public List<BundleRequest> list(RequestState state) {
        return delegate.list(state);
    }

    @Override
    public long createBatch(List<BundleKey> keys) {
        return delegate.createBatch(keys);
    }

    @Override
    public Optional<List<BundleKey>> batch(long id) {
        return delegate.batch(id);
    }

    @Override
    public boolean isExclusive() {
        return delegate.isExclusive();
    }

    @Override
    public void onNewWork(Runnable listener) {
        delegate.onNewWork(listener);
    }

    @Override
    public boolean runExclusively(String task, Runnable action) {
        return delegate.runExclusively(task, action);
    }

    @Override
    public void checkAnswers() {
        delegate.checkAnswers();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
