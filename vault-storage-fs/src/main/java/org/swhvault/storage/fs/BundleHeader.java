package org.swhvault.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * The fixed-size header in front of a bundle's bytes in its file. Keeping size and checksum in the same
 * file as the data means one rename publishes both: they cannot come from different writers, and a
 * crash cannot leave one without the other.
 */
record BundleHeader(long size, byte[] sha256, Instant created) {
    static final int LENGTH = 128;
    static final int VERSION = 1;
    private static final byte[] MAGIC = "swhvault".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA256_LENGTH = 32;

    BundleHeader {
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(created, "created is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative, got " + size);
        }
        if (sha256.length != SHA256_LENGTH) {
            throw new IllegalArgumentException("sha256 must have 32 bytes, got " + sha256.length);
        }
        sha256 = sha256.clone();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    boolean matches(byte[] digest) {
        return Arrays.equals(sha256, digest);
    }

    void writeTo(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH);
        buf.put(MAGIC).putInt(VERSION).putInt(LENGTH).putLong(size)
                .putLong(created.getEpochSecond()).putInt(created.getNano()).putInt(0).put(sha256);
        buf.clear();
        while (buf.hasRemaining()) {
            channel.write(buf, buf.position());
        }
    }

    /** Reads and checks the header; {@code path} only names the file in error messages. */
    static BundleHeader readFrom(FileChannel channel, Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH);
        while (buf.hasRemaining()) {
            if (channel.read(buf, buf.position()) < 0) {
                throw corrupt(path, "it is shorter than the " + LENGTH + "-byte header");
            }
        }
        buf.flip();
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        int version = buf.getInt();
        int headerLength = buf.getInt();
        if (!Arrays.equals(magic, MAGIC) || version != VERSION || headerLength != LENGTH) {
            throw corrupt(path, "its header is not a version " + VERSION + " swhvault bundle header");
        }
        long size = buf.getLong();
        long seconds = buf.getLong();
        int nanos = buf.getInt();
        buf.getInt();
        byte[] sha256 = new byte[SHA256_LENGTH];
        buf.get(sha256);
        if (nanos < 0 || nanos > 999_999_999) {
            throw corrupt(path, "its header holds an invalid creation time");
        }
        long fileSize = channel.size();
        if (size < 0 || fileSize - LENGTH != size) {
            throw corrupt(path, "its header announces " + size + " bytes but the file holds "
                    + (fileSize - LENGTH));
        }
        return new BundleHeader(size, sha256, Instant.ofEpochSecond(seconds, nanos));
    }

    private static IOException corrupt(Path path, String why) {
        return new IOException("Corrupt bundle file " + path + ": " + why);
    }
}
