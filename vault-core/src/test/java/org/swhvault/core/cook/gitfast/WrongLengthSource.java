package org.swhvault.core.cook.gitfast;

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

/** A source that records a wrong length for one content, as a corrupt archive would. */
final class WrongLengthSource implements ObjectSource {
    private final ObjectSource delegate;
    private final ObjectId liar;
    private final long length;

    WrongLengthSource(ObjectSource delegate, ObjectId liar, long length) {
        this.delegate = delegate;
        this.liar = liar;
        this.length = length;
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        return delegate.content(sha1Git).map(c -> c.sha1Git().equals(liar) ? new Content(liar, length, c.status()) : c);
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
    public InputStream openContent(ObjectId sha1Git) {
        return delegate.openContent(sha1Git);
    }

    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        return delegate.revisionLog(head);
    }
}
