package org.swhvault.core.cook.gitbare.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * A finished pack and its index in temporary files, with what a tar entry needs first: the sizes.
 * {@link #close()} deletes the files.
 */
public final class PackFile implements AutoCloseable {
    private final Path pack;
    private final Path index;
    private final byte[] checksum;
    private final long objectCount;
    private final long packSize;
    private final long indexSize;

    PackFile(Path pack, Path index, byte[] checksum, long objectCount, long packSize, long indexSize) {
        this.pack = requireNonNull(pack, "pack is null");
        this.index = requireNonNull(index, "index is null");
        this.checksum = checksum.clone();
        this.objectCount = objectCount;
        this.packSize = packSize;
        this.indexSize = indexSize;
    }

    /**
     * Describes a pack and its index written by another writer (JGit's): the checksum is the pack's
     * 20-byte trailer, the sizes those of the files.
     *
     * @throws IOException if the pack cannot be read or is too short to have a trailer
     */
    public static PackFile of(Path pack, Path index, long objectCount) throws IOException {
        byte[] checksum = new byte[20];
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(pack)) {
            long size = channel.size();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(checksum);
            while (buffer.hasRemaining()) {
                if (size < 32 || channel.read(buffer, size - 20 + buffer.position()) < 0) {
                    throw new IOException("The pack " + pack + " is too short to have a checksum");
                }
            }
            return new PackFile(pack, index, checksum, objectCount, size, Files.size(index));
        }
    }

    /** Returns the file name git gives this pack, without extension: {@code pack-<40 hex of the checksum>}. */
    public String name() {
        return "pack-" + checksumHex();
    }

    /** Returns the SHA-1 trailer of the pack in hex. */
    public String checksumHex() {
        return HexFormat.of().formatHex(checksum);
    }

    /** Returns the number of objects in the pack. */
    public long objectCount() {
        return objectCount;
    }

    /** Returns the temporary {@code .pack} file. */
    public Path packPath() {
        return pack;
    }

    /** Returns the temporary {@code .idx} file. */
    public Path indexPath() {
        return index;
    }

    /** Returns the size of the pack file in bytes. */
    public long packSize() {
        return packSize;
    }

    /** Returns the size of the index file in bytes. */
    public long indexSize() {
        return indexSize;
    }

    /** Opens the pack file for reading. */
    public InputStream openPack() throws IOException {
        return Files.newInputStream(pack);
    }

    /** Opens the index file for reading. */
    public InputStream openIndex() throws IOException {
        return Files.newInputStream(index);
    }

    /** Deletes both files. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(pack);
        } finally {
            Files.deleteIfExists(index);
        }
    }
}
