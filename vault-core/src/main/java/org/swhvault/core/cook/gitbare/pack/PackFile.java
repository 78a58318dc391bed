package org.swhvault.core.cook.gitbare.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * A finished pack and its index, with what a tar entry needs first: the sizes. Either temporary files,
 * which {@link #close()} deletes, or a repository's own pack lent to the bundle ({@link #borrowed}), read
 * through channels opened beforehand and left in place.
 */
public final class PackFile implements AutoCloseable {
    private final Path pack;
    private final Path index;
    private final byte[] checksum;
    private final long objectCount;
    private final long packSize;
    private final long indexSize;
    /** The channels of a borrowed pack and index, or null for temporary files. */
    private final FileChannel packChannel;
    private final FileChannel indexChannel;

    PackFile(Path pack, Path index, byte[] checksum, long objectCount, long packSize, long indexSize) {
        this(pack, index, checksum, objectCount, packSize, indexSize, null, null);
    }

    private PackFile(Path pack, Path index, byte[] checksum, long objectCount, long packSize, long indexSize,
            FileChannel packChannel, FileChannel indexChannel) {
        this.pack = requireNonNull(pack, "pack is null");
        this.index = requireNonNull(index, "index is null");
        this.checksum = checksum.clone();
        this.objectCount = objectCount;
        this.packSize = packSize;
        this.indexSize = indexSize;
        this.packChannel = packChannel;
        this.indexChannel = indexChannel;
    }

    /**
     * Lends a repository's pack and index, open already (so that a repack that deletes the files meanwhile does not
     * change what is read), to a bundle: {@link #close()} closes the channels and leaves the files. The checksum is
     * the pack's 20-byte trailer; the sizes are those of the channels.
     *
     * @throws IOException if a channel's size cannot be read
     */
    public static PackFile borrowed(Path pack, FileChannel packChannel, Path index, FileChannel indexChannel,
            byte[] checksum, long objectCount) throws IOException {
        requireNonNull(packChannel, "packChannel is null");
        requireNonNull(indexChannel, "indexChannel is null");
        return new PackFile(pack, index, checksum, objectCount, packChannel.size(), indexChannel.size(), packChannel,
                indexChannel);
    }

    /**
     * Describes a pack and its index written by another writer (JGit's): the checksum is the pack's
     * 20-byte trailer, the sizes those of the files.
     *
     * @throws IOException if the pack cannot be read or is too short to have a trailer
     */
    public static PackFile of(Path pack, Path index, long objectCount) throws IOException {
        byte[] checksum = new byte[20];
        try (FileChannel channel = FileChannel.open(pack)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.wrap(checksum);
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

    /** Returns the {@code .pack} file. */
    public Path packPath() {
        return pack;
    }

    /** Returns the {@code .idx} file. */
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

    /** Opens the pack file for reading, from its start. */
    public InputStream openPack() throws IOException {
        return packChannel != null ? new ChannelInput(packChannel) : Files.newInputStream(pack);
    }

    /** Opens the index file for reading, from its start. */
    public InputStream openIndex() throws IOException {
        return indexChannel != null ? new ChannelInput(indexChannel) : Files.newInputStream(index);
    }

    /** Deletes both temporary files, or closes a borrowed pack's channels. Idempotent. */
    @Override
    public void close() throws IOException {
        if (packChannel != null) {
            try (indexChannel; packChannel) {
                return;
            }
        }
        try {
            Files.deleteIfExists(pack);
        } finally {
            Files.deleteIfExists(index);
        }
    }

    /** Reads a channel from its start with positional reads; closing the stream leaves the channel open. */
    private static final class ChannelInput extends InputStream {
        private final FileChannel channel;
        private long position;

        ChannelInput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
