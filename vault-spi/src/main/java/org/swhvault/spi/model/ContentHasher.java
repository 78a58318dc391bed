package org.swhvault.spi.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.swhvault.spi.model.internal.Blake2s256;

import static java.util.Objects.requireNonNull;

/**
 * Hashes contents in one streaming pass, never holding them in memory: the intrinsic id
 * ({@code sha1_git}) always, and optionally the plain SHA-1, SHA-256 and BLAKE2s-256 of the same bytes.
 * A hasher owns one buffer and one digest per algorithm and reuses them, so create one per thread and
 * hash many contents with it. Not thread-safe. Every method blocks on I/O.
 */
public final class ContentHasher {
    /** The hashes that can be computed besides {@code sha1_git}. */
    public enum Algorithm {
        /** SHA-1 of the raw bytes. */
        SHA1,
        /** SHA-256 of the raw bytes. */
        SHA256,
        /** BLAKE2s-256 of the raw bytes. */
        BLAKE2S256
    }

    private static final int BUFFER_SIZE = 64 * 1024;

    private final MessageDigest sha1Git = ManifestBuffer.newSha1();
    private final MessageDigest sha1;
    private final MessageDigest sha256;
    private final MessageDigest blake2s256;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    private ContentHasher(Set<Algorithm> algorithms) {
        sha1 = algorithms.contains(Algorithm.SHA1) ? ManifestBuffer.newSha1() : null;
        sha256 = algorithms.contains(Algorithm.SHA256) ? newSha256() : null;
        blake2s256 = algorithms.contains(Algorithm.BLAKE2S256) ? new Blake2s256() : null;
    }

    /**
     * Returns a hasher computing {@code sha1_git} and the given extra hashes.
     *
     * @param algorithms the extra hashes, possibly none
     * @return a new hasher
     */
    public static ContentHasher create(Set<Algorithm> algorithms) {
        requireNonNull(algorithms, "algorithms is null");
        return new ContentHasher(algorithms.isEmpty() ? EnumSet.noneOf(Algorithm.class) : EnumSet.copyOf(algorithms));
    }

    /** Returns a hasher computing only {@code sha1_git}, the fastest choice for identifying files. */
    public static ContentHasher sha1GitOnly() {
        return create(EnumSet.noneOf(Algorithm.class));
    }

    /** Returns a hasher computing {@code sha1_git}, SHA-1, SHA-256 and BLAKE2s-256. */
    public static ContentHasher allHashes() {
        return create(EnumSet.allOf(Algorithm.class));
    }

    /**
     * Hashes bytes held in memory.
     *
     * @param data the content
     * @return the hashes
     */
    public ContentHashes hash(byte[] data) {
        requireNonNull(data, "data is null");
        start(data.length);
        update(data, 0, data.length);
        return finish(data.length);
    }

    /**
     * Hashes exactly {@code length} bytes read from {@code in}, in one pass. Bytes after them are left
     * unread; the stream is not closed.
     *
     * @param in the stream
     * @param length how many bytes the content has
     * @return the hashes
     * @throws EOFException if the stream ends before {@code length} bytes
     * @throws IOException if reading fails
     */
    public ContentHashes hash(InputStream in, long length) throws IOException {
        requireNonNull(in, "in is null");
        if (length < 0) {
            throw new IllegalArgumentException("length must be non-negative, got " + length);
        }
        start(length);
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("content ended after " + (length - remaining) + " bytes, expected " + length);
            }
            update(buffer, 0, n);
            remaining -= n;
        }
        return finish(length);
    }

    /**
     * Hashes a regular file in one pass, its length taken from the file system first. Symbolic links are
     * followed; to identify a link itself, hash the bytes of its target path instead.
     *
     * @param file the file
     * @return the hashes
     * @throws IOException if reading fails, or the file's length changed while it was being hashed
     */
    public ContentHashes hash(Path file) throws IOException {
        requireNonNull(file, "file is null");
        try (InputStream in = Files.newInputStream(file)) {
            long length = Files.size(file);
            ContentHashes hashes = hash(in, length);
            if (in.read() >= 0) {
                throw new IOException("file " + file + " grew while being hashed (expected " + length + " bytes)");
            }
            return hashes;
        } catch (EOFException e) {
            throw new IOException("file " + file + " shrank while being hashed: " + e.getMessage(), e);
        }
    }

    /**
     * Hashes a stream whose length is not known in advance, reading it to its end. The id's header needs
     * the length first, so a stream longer than the hasher's buffer is spilled to a temporary file in
     * {@code tempDir} (deleted before returning) and hashed from there. The stream is not closed.
     *
     * @param in the stream
     * @param tempDir where to spill long streams, or null for the default temporary directory
     * @return the hashes
     * @throws IOException if reading or spilling fails
     */
    public ContentHashes hashUnknownLength(InputStream in, Path tempDir) throws IOException {
        requireNonNull(in, "in is null");
        int filled = in.readNBytes(buffer, 0, buffer.length);
        if (filled < buffer.length) {
            return hashBuffered(filled);
        }
        int next = in.read();
        if (next < 0) {
            return hashBuffered(filled);
        }
        Path spill = tempDir == null ? Files.createTempFile("swhvault-content", ".tmp")
                : Files.createTempFile(tempDir, "swhvault-content", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(spill)) {
                out.write(buffer, 0, filled);
                out.write(next);
                in.transferTo(out);
            }
            return hash(spill);
        } finally {
            Files.deleteIfExists(spill);
        }
    }

    private ContentHashes hashBuffered(int length) {
        start(length);
        update(buffer, 0, length);
        return finish(length);
    }

    private void start(long length) {
        sha1Git.reset();
        sha1Git.update(Manifests.header(Manifests.BLOB, length));
        if (sha1 != null) {
            sha1.reset();
        }
        if (sha256 != null) {
            sha256.reset();
        }
        if (blake2s256 != null) {
            blake2s256.reset();
        }
    }

    private void update(byte[] b, int off, int len) {
        sha1Git.update(b, off, len);
        if (sha1 != null) {
            sha1.update(b, off, len);
        }
        if (sha256 != null) {
            sha256.update(b, off, len);
        }
        if (blake2s256 != null) {
            blake2s256.update(b, off, len);
        }
    }

    private ContentHashes finish(long length) {
        return new ContentHashes(ObjectId.wrap(sha1Git.digest()), length, digest(sha1), digest(sha256),
                digest(blake2s256));
    }

    private static Optional<Bytes> digest(MessageDigest md) {
        return md == null ? Optional.empty() : Optional.of(Bytes.wrap(md.digest()));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
