package org.swhvault.core.cook.internal;

import java.io.IOException;
import java.io.InputStream;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * A content's bytes checked against the length its metadata announced, which the bundle (a tar header,
 * a {@code data} command) already holds: a content that ends early or goes on would make a broken
 * bundle, so either fails the cook with {@link ErrorCode#CORRUPT_OBJECT}. Read failures of the source
 * become {@link ErrorCode#SOURCE_FAILURE}, so that an {@link IOException} out of a cook always means the
 * bundle's output failed; that is why no method here throws one.
 *
 * <p>A caller that reads the start of a content before it knows the length ({@link #lengthLater}) passes
 * the bytes through unchecked until it calls {@link #expect(long, long)}.
 */
public final class ExactLengthInputStream extends InputStream {
    private final InputStream in;
    private final ObjectId id;
    /** The announced length, or -1 while it is not known yet. */
    private long length = -1;
    private long left;

    /** Reads exactly {@code length} bytes of content {@code id} from {@code in}, which it closes. */
    public ExactLengthInputStream(InputStream in, ObjectId id, long length) {
        this(in, id);
        expect(length, length);
    }

    private ExactLengthInputStream(InputStream in, ObjectId id) {
        this.in = in;
        this.id = id;
    }

    /** Reads content {@code id} from {@code in}, which it closes, unchecked until {@link #expect} is called. */
    public static ExactLengthInputStream lengthLater(InputStream in, ObjectId id) {
        return new ExactLengthInputStream(in, id);
    }

    /**
     * From now on, expects exactly {@code remaining} more bytes, of {@code total} in all.
     *
     * @throws VaultException {@link ErrorCode#CORRUPT_OBJECT} if {@code remaining} is negative: more than
     *     {@code total} bytes were read already
     */
    public void expect(long total, long remaining) {
        this.length = total;
        this.left = remaining;
        if (remaining < 0) {
            throw wrongLength("more than");
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
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
            throw wrongLength("only " + (length - left) + " bytes instead of");
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
                    "Reading content " + swhid() + " from the source failed: " + e.getMessage(), e);
        }
    }

    private VaultException wrongLength(String what) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, "Content " + swhid() + " delivered " + what + " the "
                + length + " bytes its metadata announces; the bundle cannot be written.");
    }

    private Swhid swhid() {
        return Swhid.of(ObjectType.CONTENT, id);
    }
}
