package org.swhvault.objstorage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.swhvault.spi.VaultException;

/**
 * Passes a content's bytes through while checking them against its sha1 and length: the read that returns
 * the last expected byte first makes sure nothing follows and that the sha1 matches, so a reader that stops
 * after {@code length} bytes is protected as well as one that reads to the end. Every failure is a
 * {@link VaultException}, never an {@link IOException}. The source is opened on the first read, so that a
 * format's header is checked there too.
 */
final class VerifyingInputStream extends BulkInputStream {
    /** Opens the stream to check. */
    interface Source {
        InputStream open() throws IOException;
    }

    /** What the failures are called. */
    interface Failures {
        /** The bytes are not the content's: {@code reason} completes "… is corrupt: ". */
        VaultException corrupt(String reason);

        /** Reading failed. */
        VaultException failed(IOException e);
    }

    private final Source source;
    private final byte[] expectedSha1;
    private final long length;
    private final Failures failures;
    private final MessageDigest sha1 = newSha1();
    private InputStream in;
    private long count;
    private boolean verified;
    private VaultException failure;

    VerifyingInputStream(Source source, byte[] expectedSha1, long length, Failures failures) {
        this.source = source;
        this.expectedSha1 = expectedSha1.clone();
        this.length = length;
        this.failures = failures;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (verified) {
            return -1;
        }
        if (failure != null) {
            // a caller that goes on reading after a failure must not see an end
            throw failure;
        }
        try {
            if (in == null) {
                in = source.open();
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, Math.max(1, length - count)));
            if (n < 0) {
                verifyEnd();
                return -1;
            }
            sha1.update(b, off, n);
            count += n;
            if (count > length) {
                throw failures.corrupt("it holds more than the " + length + " bytes expected");
            }
            if (count == length) {
                if (in.read(new byte[1], 0, 1) >= 0) {
                    throw failures.corrupt("it holds more than the " + length + " bytes expected");
                }
                verifyEnd();
            }
            return n;
        } catch (IOException e) {
            failure = failures.failed(e);
            throw failure;
        } catch (VaultException e) {
            failure = e;
            throw e;
        }
    }

    private void verifyEnd() {
        if (count != length) {
            throw failures.corrupt("it holds " + count + " bytes, not the " + length + " expected");
        }
        byte[] actual = sha1.digest();
        if (!Arrays.equals(actual, expectedSha1)) {
            throw failures.corrupt("its bytes have sha1 " + HexFormat.of().formatHex(actual));
        }
        verified = true;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
