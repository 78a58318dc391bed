package org.swhvault.storage.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;

/**
 * Writes a bundle to a temporary file after room for its header, then fills in the header, syncs, and
 * renames the file into place: the rename is the single step that publishes.
 */
final class FsBundleWriter implements BundleWriter {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final BundleKey key;
    private final Path part;
    private final Path target;
    private final FileChannel channel;
    private final Clock clock;
    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private final OutputStream stream = new Stream();
    private long size;
    private boolean streamClosed;
    private IOException failure;
    private BundleInfo committed;
    private boolean discarded;

    FsBundleWriter(BundleKey key, Path part, Path target, FileChannel channel, Clock clock) {
        this.key = key;
        this.part = part;
        this.target = target;
        this.channel = channel;
        this.clock = clock;
        this.digest = BundleHeader.newDigest();
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public BundleInfo commit() throws IOException {
        if (committed != null) {
            return committed;
        }
        checkWritable();
        try {
            drain();
            BundleHeader header = new BundleHeader(size, digest.digest(), clock.instant());
            header.writeTo(channel);
            channel.force(true);
            channel.close();
            Directories.ensure(target.getParent());
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
                throw new IOException("Cannot publish bundle " + key + ": its temporary file " + part
                        + " is gone (was the store closed?)", e);
            }
            committed = new BundleInfo(key, size, Optional.of(header.sha256Hex()), header.created());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        Directories.sync(target.getParent());
        return committed;
    }

    @Override
    public void close() {
        if (committed != null || discarded) {
            return;
        }
        discarded = true;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was published; the file is deleted below or swept on the next open
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // swept on the next open of the store
        }
    }

    private void checkWritable() throws IOException {
        if (committed != null || discarded) {
            throw new IOException("Bundle writer for " + key + " is already "
                    + (committed != null ? "committed" : "closed"));
        }
        if (failure != null) {
            throw new IOException("Bundle writer for " + key + " failed earlier writing " + part, failure);
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        digest.update(buffer.duplicate());
        try {
            while (buffer.hasRemaining()) {
                size += channel.write(buffer, BundleHeader.LENGTH + size);
            }
        } catch (IOException e) {
            failure = e;
            throw new IOException("Cannot write bundle " + key + " to " + part + ": " + e.getMessage(), e);
        }
        buffer.clear();
    }

    /** Buffers, hashes and writes; closing it flushes but keeps the writer open for commit. */
    private final class Stream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            checkOpen();
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            checkOpen();
            while (len > 0) {
                if (!buffer.hasRemaining()) {
                    drain();
                }
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            checkOpen();
            drain();
        }

        @Override
        public void close() throws IOException {
            if (!streamClosed && committed == null && !discarded && failure == null) {
                drain();
            }
            streamClosed = true;
        }

        private void checkOpen() throws IOException {
            if (streamClosed) {
                throw new IOException("The stream of bundle writer for " + key + " is closed");
            }
            checkWritable();
        }
    }
}
