package org.swhvault.core.cook.flat.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The caller's stream as the gzip stream sees it: {@code close()} leaves the caller's stream open
 * (a cooker never closes it), and once the cook failed, {@link #abandon()} makes every later write
 * fail, so that closing the gzip stream to release its threads adds nothing to the garbage already
 * written.
 */
final class BundleOutput extends OutputStream {
    private final OutputStream out;
    private boolean abandoned;

    BundleOutput(OutputStream out) {
        this.out = out;
    }

    void abandon() {
        abandoned = true;
    }

    @Override
    public void write(int b) throws IOException {
        check();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        check();
        out.flush();
    }

    @Override
    public void close() {
        // The caller owns the stream.
    }

    private void check() throws IOException {
        if (abandoned) {
            throw new IOException("The cook failed; the bundle is abandoned");
        }
    }
}
