package org.swhvault.core.cook.flat;

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

/** A real source with some answers changed by the test (a broken or lying mirror); the batch methods use the single ones. */
class DelegatingSource implements ObjectSource {
    final ObjectSource delegate;

    DelegatingSource(ObjectSource delegate) {
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
}
