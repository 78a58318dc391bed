package org.swhvault.testing.source;

import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.source.ObjectSource;

/**
 * A real source whose answers a test may change by overriding methods, to play a broken or lying
 * archive. Every method forwards to the wrapped source; the batch methods use the single ones.
 */
public class ForwardingObjectSource implements ObjectSource {
    /** The wrapped source. */
    protected final ObjectSource delegate;

    /** Wraps a source. */
    public ForwardingObjectSource(ObjectSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Directory> directory(ObjectId id) {
        return delegate.directory(id);
    }

    @Override
    public Optional<Revision> revision(ObjectId id) {
        return delegate.revision(id);
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        return delegate.release(id);
    }

    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        return delegate.snapshot(id);
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        return delegate.content(sha1Git);
    }

    @Override
    public InputStream openContent(ObjectId sha1Git) {
        return delegate.openContent(sha1Git);
    }

    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        return delegate.revisionLog(head);
    }

    /**
     * Forwards to the wrapped source, so that its capabilities (such as a git repository's stored objects)
     * stay usable behind this wrapper. A subclass that changes what objects read must override this and
     * return empty for capabilities that would bypass it.
     */
    @Override
    public <T> java.util.Optional<T> unwrap(Class<T> capability) {
        return capability.isInstance(this) ? java.util.Optional.of(capability.cast(this)) : delegate.unwrap(capability);
    }
}
