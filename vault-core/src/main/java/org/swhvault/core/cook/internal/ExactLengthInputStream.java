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
 */
public final class ExactLengthInputStream extends InputStream {
    private final InputStream in;
    private final ObjectId id;
    private final long length;
    private long left;

    /** Reads exactly {@code length} bytes of content {@code id} from {@code in}, which it closes. */
    public ExactLengthInputStream(InputStream in, ObjectId id, long length) {
        this.in = in;
        this.id = id;
        this.length = length;
        this.left = length;
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
