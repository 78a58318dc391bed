package org.swhvault.objstorage;

import java.io.IOException;
import java.io.InputStream;

/** A stream whose every read, even of one byte, goes through {@link #read(byte[], int, int)}, where its checks are. */
abstract class BulkInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
