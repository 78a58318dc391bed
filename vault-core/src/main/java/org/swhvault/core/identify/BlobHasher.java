package org.swhvault.core.identify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;

/**
 * Computes git blob ids ({@code sha1("blob " + length + "\0" + bytes)}) of files by streaming them
 * through one reusable digest and buffer. Not thread-safe: one instance per thread.
 */
final class BlobHasher {
    /** Large enough that a read costs far less than hashing what it returns. */
    static final int BUFFER_SIZE = 256 * 1024;

    private final MessageDigest sha1;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);

    BlobHasher() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new VaultException(ErrorCode.INTERNAL_ERROR, "this JVM has no SHA-1", e);
        }
    }

    /**
     * Hashes a regular file, without following a symlink at {@code file}.
     *
     * @throws IOException if the file cannot be read
     * @throws VaultException if the file changes size while it is read
     */
    ObjectId hashFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            header(size);
            long total = 0;
            while (total < size) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                total += n;
                sha1.update(buffer.array(), 0, n);
            }
            if (total != size) {
                sha1.reset();
                throw new VaultException(ErrorCode.SOURCE_FAILURE, file + ": the file changed while it was"
                        + " read (expected " + size + " bytes, read " + total + ")");
            }
            return ObjectId.of(sha1.digest());
        } catch (IOException | RuntimeException e) {
            sha1.reset();
            throw e;
        }
    }

    /** Hashes bytes held in memory. */
    ObjectId hashBytes(byte[] data, int offset, int length) {
        header(length);
        sha1.update(data, offset, length);
        return ObjectId.of(sha1.digest());
    }

    private void header(long size) {
        sha1.update(Manifests.header(Manifests.BLOB, size));
    }
}
