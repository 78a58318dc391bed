package org.swhvault.objstorage;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.util.function.Supplier;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHashes;

import static java.util.Objects.requireNonNull;

/**
 * What every objstorage back end does with a content's stored bytes, whatever holds them (a file, an S3
 * object): key them by sha1, decompress and check them as they are read, check and compress them as they are
 * written. Streams only; nothing holds a content in memory.
 */
public final class StoredContent {
    private StoredContent() {
    }

    /**
     * Returns the key swh-objstorage gives a content in its sha1-keyed back ends (pathslicing, S3, HTTP).
     *
     * @param hashes the content's hashes
     * @param backend how messages name the back end, such as {@code "pathslicing objstorage"}
     * @return the content's sha1 as 40 lowercase hex digits
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code hashes} has no sha1
     */
    public static String sha1Hex(ContentHashes hashes, String backend) {
        requireNonNull(hashes, "hashes is null");
        return hashes.sha1Hex().orElseThrow(() -> new VaultException(ErrorCode.INVALID_ARGUMENT, "The " + backend
                + " keys contents by sha1, but none was given for content " + hashes.sha1Git().toHex() + "."));
    }

    /**
     * Opens a content's stored bytes for reading: decompressed, and checked against its sha1 and length as
     * they are read. Reads throw {@link VaultException} (never {@link IOException}): with
     * {@link ErrorCode#CORRUPT_OBJECT} when the stored bytes do not decompress, decompress to more or fewer
     * bytes than the content's length, or to bytes of another sha1 (the read that returns the last expected
     * byte checks, before returning); with {@link ErrorCode#SOURCE_FAILURE} when {@code stored} fails; with
     * {@link ErrorCode#CANCELLED} when the reading thread is interrupted. Nothing is read before the first
     * read. Closing the result closes {@code stored}.
     *
     * @param stored the stored bytes, which the result owns
     * @param compression how they are compressed
     * @param hashes the content's hashes, with its sha1
     * @param where where the bytes are, for messages, such as {@code "file /srv/objects/ab/cd/abcd…"}
     * @return the content's bytes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code hashes} has no sha1
     */
    public static InputStream reading(InputStream stored, Compression compression, ContentHashes hashes,
            String where) {
        requireNonNull(stored, "stored is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(where, "where is null");
        String sha1 = sha1Hex(hashes, "objstorage at " + where);
        String subject = "Content sha1 " + sha1 + " in " + where;
        return new VerifyingInputStream(() -> compression.decompressing(new Source(stored)), hashes.sha1().get()
                .toByteArray(), hashes.length(), new VerifyingInputStream.Failures() {
                    @Override
                    public VaultException corrupt(String reason) {
                        return new VaultException(ErrorCode.CORRUPT_OBJECT, subject + " is corrupt: " + reason + ".");
                    }

                    @Override
                    public VaultException failed(IOException e) {
                        return readFailure(e, "reading content sha1 " + sha1 + " from " + where,
                                () -> new VaultException(ErrorCode.CORRUPT_OBJECT, subject + " is corrupt: it does not "
                                        + "decompress as " + compression + " (" + e.getMessage() + ").", e));
                    }
                });
    }

    /**
     * Writes a content's bytes as a back end stores them: compressed, and checked against the content's sha1
     * and length as they are read from {@code data}. Does not close {@code stored} or {@code data}; on a
     * failure, what was written to {@code stored} must be thrown away.
     *
     * @param data the content's bytes, read up to the content's length (and one byte more, if there is one)
     * @param hashes the content's hashes, with its sha1
     * @param compression how to compress them
     * @param stored where the compressed bytes go
     * @param where where they go, for messages
     * @throws VaultException with {@link ErrorCode#CORRUPT_OBJECT} if the bytes are not the content's (their
     *     length or sha1 differ), {@link ErrorCode#INVALID_ARGUMENT} if {@code hashes} has no sha1,
     *     {@link ErrorCode#SOURCE_FAILURE} if reading {@code data} or writing {@code stored} fails,
     *     {@link ErrorCode#CANCELLED} if the thread is interrupted
     */
    public static void write(InputStream data, ContentHashes hashes, Compression compression, OutputStream stored,
            String where) {
        requireNonNull(data, "data is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(stored, "stored is null");
        String sha1 = sha1Hex(hashes, "objstorage at " + where);
        InputStream checked = new VerifyingInputStream(() -> new Source(data), hashes.sha1().get().toByteArray(),
                hashes.length(), new VerifyingInputStream.Failures() {
                    @Override
                    public VaultException corrupt(String reason) {
                        return new VaultException(ErrorCode.CORRUPT_OBJECT, "Content sha1 " + sha1
                                + " as given to be stored in " + where + " is corrupt: " + reason + ".");
                    }

                    @Override
                    public VaultException failed(IOException e) {
                        return readFailure(e, "reading the bytes of content sha1 " + sha1, () -> new VaultException(
                                ErrorCode.SOURCE_FAILURE, "Cannot read the bytes of content sha1 " + sha1 + ": "
                                        + e.getMessage(), e));
                    }
                });
        try (OutputStream out = compression.compressing(new FilterOutputStream(stored) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        })) {
            checked.transferTo(out);
        } catch (IOException e) {
            throw interrupted(e) ? cancelled("writing content sha1 " + sha1 + " to " + where, e)
                    : new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot write content sha1 " + sha1 + " to "
                            + where + ": " + e.getMessage(), e);
        }
    }

    private static VaultException readFailure(IOException e, String action,
            Supplier<VaultException> otherwise) {
        if (interrupted(e)) {
            return cancelled(action, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceFailure failure) {
                Throwable cause = failure.getCause();
                return new VaultException(ErrorCode.SOURCE_FAILURE, "Failed " + action + ": " + cause.getMessage(),
                        cause);
            }
        }
        return otherwise.get();
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClosedByInterruptException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private static VaultException cancelled(String action, Throwable e) {
        return new VaultException(ErrorCode.CANCELLED, "Interrupted while " + action + ".", e);
    }

    /** A failure of the stream that holds the stored bytes, as opposed to bytes that do not decompress. */
    private static final class SourceFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SourceFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Marks what the stored stream throws, so that a decoder's own failures are told apart from it. */
    private static final class Source extends FilterInputStream {
        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw mark(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw mark(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException | RuntimeException e) {
                throw mark(e);
            }
        }

        @Override
        public int available() throws IOException {
            try {
                return in.available();
            } catch (IOException | RuntimeException e) {
                throw mark(e);
            }
        }

        private static IOException mark(Exception e) {
            if (e instanceof VaultException v) {
                throw v;
            }
            return new SourceFailure(e);
        }
    }
}
