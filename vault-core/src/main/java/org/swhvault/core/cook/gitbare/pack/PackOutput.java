package org.swhvault.core.cook.gitbare.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.zip.CRC32;

/**
 * The pack file being written: buffered sequential writes to a channel, the position, the CRC32 of
 * the entry being written when asked, and the SHA-1 of everything when the object count is known
 * up front. Otherwise {@link #finishPack} patches the count into the header and hashes the file
 * again, since the header comes first in the hash.
 */
final class PackOutput extends OutputStream {
    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private final MessageDigest digest;
    private final CRC32 crc = new CRC32();
    private boolean trackingCrc;
    private long position;

    /** Writes the pack header; {@code announcedCount} is the object count, or -1 if not known yet. */
    PackOutput(FileChannel channel, long announcedCount) throws IOException {
        this.channel = channel;
        this.digest = announcedCount >= 0 ? Sha1.newDigest() : null;
        write(header(Math.max(0, announcedCount)));
    }

    long position() {
        return position;
    }

    /** Starts computing the CRC32 of what is written next (one pack entry). */
    void startEntry() {
        crc.reset();
        trackingCrc = true;
    }

    /** Returns the CRC32 of what was written since {@link #startEntry()}. */
    int endEntry() {
        trackingCrc = false;
        return (int) crc.getValue();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (trackingCrc) {
            crc.update(b, off, len);
        }
        if (digest != null) {
            digest.update(b, off, len);
        }
        position += len;
        if (len >= BUFFER) {
            drainBuffer();
            writeFully(ByteBuffer.wrap(b, off, len));
            return;
        }
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                drainBuffer();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /**
     * Sets the object count in the header if it was not announced, appends the SHA-1 trailer and
     * returns it. The channel stays open.
     */
    byte[] finishPack(long count) throws IOException {
        drainBuffer();
        byte[] checksum;
        if (digest != null) {
            checksum = digest.digest();
        } else {
            channel.write(ByteBuffer.wrap(header(count), 8, 4), 8);
            MessageDigest sha1 = Sha1.newDigest();
            ByteBuffer chunk = ByteBuffer.allocate(BUFFER);
            for (long at = 0; at < position; ) {
                chunk.clear().limit((int) Math.min(BUFFER, position - at));
                int n = channel.read(chunk, at);
                if (n <= 0) {
                    throw new IOException("The pack file is shorter than written: " + at + " < " + position);
                }
                sha1.update(chunk.array(), 0, n);
                at += n;
            }
            checksum = sha1.digest();
        }
        writeFully(ByteBuffer.wrap(checksum));
        position += checksum.length;
        return checksum;
    }

    private static byte[] header(long count) {
        return new byte[] {'P', 'A', 'C', 'K', 0, 0, 0, 2,
            (byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count};
    }

    private void drainBuffer() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
