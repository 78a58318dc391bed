package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;

import org.msgpack.core.MessageUnpacker;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * A content's bytes as they arrive in the one msgpack bin of a {@code content/data} answer, hashed as they are
 * read: when the last byte has been read, the bytes must hash to the content's id ({@code sha1_git}), else
 * reading fails with {@link ErrorCode#CORRUPT_OBJECT} and the caller never sees an end of stream.
 */
final class ContentStream extends InputStream {
    private final MessageUnpacker in;
    private final ObjectId id;
    private final Function<String, VaultException> lost;
    private final MessageDigest sha1Git;
    private long remaining;
    private boolean checked;

    /**
     * @param in the answer, just after the bin header
     * @param id the content's id
     * @param length the bin's length
     * @param lost makes the failure for a connection lost on the way
     */
    ContentStream(MessageUnpacker in, ObjectId id, long length, Function<String, VaultException> lost) {
        this.in = in;
        this.id = id;
        this.remaining = length;
        this.lost = lost;
        try {
            this.sha1Git = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1Git.update(("blob " + length + "\0").getBytes(StandardCharsets.US_ASCII));
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
        if (remaining == 0) {
            check();
            return -1;
        }
        int n = (int) Math.min(len, Math.min(remaining, 1 << 16));
        try {
            in.readPayload(b, off, n);
        } catch (IOException | RuntimeException e) {
            throw lost.apply("lost the bytes of " + Swhid.of(ObjectType.CONTENT, id) + " with " + remaining
                    + " still to come (" + e.getMessage() + ")");
        }
        sha1Git.update(b, off, n);
        remaining -= n;
        if (remaining == 0) {
            check();
        }
        return n;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        ObjectId got = ObjectId.of(sha1Git.digest());
        if (!got.equals(id)) {
            throw new VaultException(ErrorCode.CORRUPT_OBJECT, "The bytes swh-storage serves for "
                    + Swhid.of(ObjectType.CONTENT, id) + " hash to " + got + ", not to its id.");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
