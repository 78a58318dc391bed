package org.swhvault.storage.s3;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;

import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams a bundle into S3 holding at most one part in memory. A bundle smaller than a part is sent in
 * one PutObject on commit. A larger one is uploaded part by part, as each fills, to a private upload key;
 * commit completes that upload and copies the object to the bundle's key with its metadata, so the bundle
 * appears whole, with its checksum, in one step. Any failure, and closing without commit, aborts the
 * upload.
 */
final class S3BundleWriter implements BundleWriter {
    private static final int MAX_PARTS = 10_000;
    private static final int FIRST_BUFFER = 64 * 1024;

    private enum State { OPEN, COMMITTED, DISCARDED }

    private final Bucket bucket;
    private final BundleKey key;
    private final String objectKey;
    private final String uploadKey;
    private final int partSize;
    private final long maxSingleCopySize;
    private final Clock clock;
    private final MessageDigest sha256;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final OutputStream stream = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            append(b, off, len);
        }
    };

    private byte[] buffer;
    private int filled;
    private long size;
    private String uploadId;
    private State state = State.OPEN;

    S3BundleWriter(Bucket bucket, BundleKey key, ObjectLayout layout, int partSize, long maxSingleCopySize,
            Clock clock) {
        this.bucket = bucket;
        this.key = key;
        this.objectKey = layout.objectKey(key);
        this.uploadKey = layout.newUploadKey();
        this.partSize = partSize;
        this.maxSingleCopySize = maxSingleCopySize;
        this.clock = clock;
        this.sha256 = newSha256();
        this.buffer = new byte[Math.min(partSize, FIRST_BUFFER)];
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    private void append(byte[] b, int off, int len) {
        checkOpen();
        try {
            while (len > 0) {
                if (filled == partSize) {
                    // only now, with more bytes to come, is the full buffer known not to be the last part
                    uploadBufferedPart();
                }
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, 2L * buffer.length));
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                sha256.update(b, off, n);
                filled += n;
                size += n;
                off += n;
                len -= n;
            }
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
    }

    private void uploadBufferedPart() {
        if (parts.size() == MAX_PARTS) {
            throw new VaultException(ErrorCode.STORE_FAILURE, "Bundle " + key + " is larger than S3 allows with "
                    + partSize + "-byte parts (" + MAX_PARTS + " parts at most); configure a larger part size.");
        }
        if (uploadId == null) {
            uploadId = bucket.startUpload(uploadKey, key);
        }
        parts.add(bucket.uploadPart(uploadKey, uploadId, parts.size() + 1, buffer, filled, key));
        filled = 0;
    }

    /**
     * {@inheritDoc}
     *
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} if S3 fails; nothing is published then
     */
    @Override
    public BundleInfo commit() {
        checkOpen();
        String sha = HexFormat.of().formatHex(sha256.digest());
        Instant created = clock.instant();
        Map<String, String> metadata = BundleMetadata.of(size, sha, created);
        try {
            if (uploadId == null) {
                bucket.put(objectKey, key, metadata, buffer, filled);
            } else {
                publishUpload(metadata);
            }
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
        state = State.COMMITTED;
        buffer = null;
        return new BundleInfo(key, size, Optional.of(sha), created);
    }

    private void publishUpload(Map<String, String> metadata) {
        uploadBufferedPart();
        bucket.completeUpload(uploadKey, uploadId, parts, key);
        uploadId = null;
        try {
            if (size <= maxSingleCopySize) {
                bucket.copy(uploadKey, objectKey, key, metadata);
            } else {
                bucket.copyInParts(uploadKey, objectKey, size, maxSingleCopySize, key, metadata);
            }
        } finally {
            bucket.deleteQuietly(uploadKey);
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new VaultException(ErrorCode.STORE_FAILURE, "The writer of " + key + " was "
                    + (state == State.COMMITTED ? "already committed" : "discarded after a failure or close") + ".");
        }
    }

    /** Aborts the upload unless it was committed. Idempotent; never throws. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            discard();
        }
    }

    private void discard() {
        state = State.DISCARDED;
        buffer = null;
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            bucket.abortUploadQuietly(uploadKey, id);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
