package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.io.InputStream;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;

/**
 * A content's bytes as the source serves them. A read failure becomes {@link ErrorCode#SOURCE_FAILURE},
 * so that an {@link IOException} out of a cook always means the bundle's output failed. Once a length
 * is {@linkplain #expect(long) expected}, bytes beyond it or missing fail with
 * {@link ErrorCode#CORRUPT_OBJECT}: the pack entry header already holds the length.
 */
final class SourceInputStream extends InputStream {
    private final InputStream in;
    private final ObjectId id;
    private long length = -1;
    private long left;

    SourceInputStream(InputStream in, ObjectId id) {
        this.in = in;
        this.id = id;
    }

    /** From now on, expects exactly {@code remaining} more bytes, of {@code total} in all. */
    void expect(long total, long remaining) {
        this.length = total;
        this.left = remaining;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (length < 0) {
            return source(() -> in.read(b, off, len));
        }
        if (left == 0) {
            if (source(in::read) >= 0) {
                throw wrongLength("more than");
            }
            return -1;
        }
        int n = source(() -> in.read(b, off, (int) Math.min(len, left)));
        if (n < 0) {
            throw wrongLength("fewer than");
        }
        left -= n;
        return n;
    }

    @Override
    public void close() {
        source(() -> {
            in.close();
            return 0;
        });
    }

    private interface Read {
        int run() throws IOException;
    }

    private int source(Read read) {
        try {
            return read.run();
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE,
                    "Reading content " + id + " from the source failed: " + e.getMessage(), e);
        }
    }

    private VaultException wrongLength(String what) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, "Content " + id + " delivered " + what + " the "
                + length + " bytes its metadata announces.");
    }
}
