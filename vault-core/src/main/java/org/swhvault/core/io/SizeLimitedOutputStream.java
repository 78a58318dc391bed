package org.swhvault.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/**
 * Counts the bytes written through it and refuses to go past a limit: a write that would exceed it
 * throws {@link ErrorCode#BUNDLE_TOO_LARGE} with the reference's wording, and none of its bytes
 * reach the underlying stream. Not thread-safe.
 */
public final class SizeLimitedOutputStream extends FilterOutputStream {
    private final long limit;
    private long count;

    /**
     * Wraps a stream.
     *
     * @param out the stream to write to; closed by {@link #close()}
     * @param limit the largest number of bytes allowed, at least 0
     */
    public SizeLimitedOutputStream(OutputStream out, long limit) {
        super(Objects.requireNonNull(out, "out is null"));
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** Returns how many bytes were written so far. */
    public long count() {
        return count;
    }

    /** Returns the limit. */
    public long limit() {
        return limit;
    }

    @Override
    public void write(int b) throws IOException {
        reserve(1);
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        reserve(len);
        out.write(b, off, len);
        count += len;
    }

    private void reserve(int len) {
        if (len > limit - count) {
            throw new VaultException(ErrorCode.BUNDLE_TOO_LARGE,
                    "The requested bundle exceeds the maximum allowed size of " + limit + " bytes.");
        }
    }
}
