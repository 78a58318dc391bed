package org.swhvault.http;

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

/** An archive with a bug: every read throws an unexpected exception, to see what the server then answers. */
final class FailingSource implements ObjectSource {
    private static RuntimeException bug() {
        return new IllegalStateException("bug in the object source, with details\nover two lines");
    }

    @Override
    public Optional<Directory> directory(ObjectId id) {
        throw bug();
    }

    @Override
    public Optional<Revision> revision(ObjectId id) {
        throw bug();
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        throw bug();
    }

    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        throw bug();
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        throw bug();
    }

    @Override
    public InputStream openContent(ObjectId sha1Git) {
        throw bug();
    }

    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        throw bug();
    }
}
