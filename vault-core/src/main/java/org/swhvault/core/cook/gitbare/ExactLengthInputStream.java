package org.swhvault.core.cook.gitbare;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;

/**
 * A content's bytes that must be exactly as long as its metadata says: a source that serves fewer
 * or more bytes is corrupt, which is reported as such rather than as an I/O failure of the bundle.
 */
final class ExactLengthInputStream extends FilterInputStream {
    private final long length;
    private final ObjectId id;
    private long read;

    ExactLengthInputStream(InputStream in, long length, ObjectId id) {
        super(in);
        this.length = length;
        this.id = id;
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
        if (read == length) {
            if (in.read() >= 0) {
                throw corrupt("longer than");
            }
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, length - read));
        if (n < 0) {
            throw corrupt("shorter than");
        }
        read += n;
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("skip");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private VaultException corrupt(String how) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, "The content " + id + " read from the archive is "
                + how + " its recorded length of " + length + " bytes.");
    }
}
