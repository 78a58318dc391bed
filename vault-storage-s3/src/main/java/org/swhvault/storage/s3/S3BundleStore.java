package org.swhvault.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static java.util.Objects.requireNonNull;

/**
 * A {@link BundleStore} in a bucket of Amazon S3 or of any S3-compatible object store. Create one with
 * {@link #builder()}, or by name ({@code s3}) through {@link S3BundleStoreProvider}.
 *
 * <h2>Layout</h2>
 * <p>Each bundle is one object, {@code <prefix><bundle type>/<file name>} (such as
 * {@code vault/flat/swh_1_dir_<hex>.tar.gz}), with its media type, a {@code Content-Disposition} naming
 * the file, and its size, SHA-256 and creation time as user metadata ({@code x-amz-meta-swhvault-size},
 * {@code -sha256}, {@code -created}). Other objects under the prefix are ignored.
 *
 * <h2>Writing</h2>
 * <p>A writer holds at most one part in memory ({@link S3BundleStoreBuilder#partSize(long)}). A bundle
 * smaller than a part is sent in one request on commit. A larger one is uploaded part by part as the parts
 * fill, to a multipart upload under {@code <prefix>.uploads/}; commit completes it and copies it, inside
 * the bucket, to the bundle's key with its metadata, then deletes the upload. The bundle thus appears
 * whole, with its checksum, in one step: writers racing on a key each publish a whole bundle and the last
 * copy wins. Any failure, and closing a writer without commit, aborts the upload. A process that dies
 * mid-upload leaves an incomplete multipart upload, or an object under {@code .uploads/}, that no reader
 * sees: give the bucket a lifecycle rule that aborts incomplete multipart uploads and expires
 * {@code <prefix>.uploads/} after a day.
 *
 * <h2>Failures</h2>
 * <p>Every failure of S3 is thrown as a {@link VaultException} with {@link ErrorCode#STORE_FAILURE} whose
 * message names the server, the bucket and the cause (unknown access key, wrong secret key, missing
 * bucket, unreachable server…), or {@link ErrorCode#CANCELLED} if the thread was interrupted. A missing
 * bundle is a {@link NoSuchFileException}. All methods block on network I/O; the store is thread-safe.
 */
public final class S3BundleStore implements BundleStore {
    private final Bucket bucket;
    private final ObjectLayout layout;
    private final S3Presigner presigner;
    private final int partSize;
    private final long maxSingleCopySize;
    private final Duration urlValidity;
    private final Clock clock;
    private final AutoCloseable owned;
    private final String description;
    private volatile boolean closed;

    S3BundleStore(Bucket bucket, ObjectLayout layout, S3Presigner presigner, int partSize, long maxSingleCopySize,
            Duration urlValidity, Clock clock, AutoCloseable owned, String description) {
        this.bucket = bucket;
        this.layout = layout;
        this.presigner = presigner;
        this.partSize = partSize;
        this.maxSingleCopySize = maxSingleCopySize;
        this.urlValidity = urlValidity;
        this.clock = clock;
        this.owned = owned;
        this.description = description;
    }

    /**
     * Starts configuring a store.
     *
     * @return a new builder
     */
    public static S3BundleStoreBuilder builder() {
        return new S3BundleStoreBuilder();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Makes no request: the first request goes out when the first part fills, or on commit.
     *
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} if the store is closed
     */
    @Override
    public BundleWriter create(BundleKey key) {
        requireNonNull(key, "key is null");
        checkOpen();
        return new S3BundleWriter(bucket, key, layout, partSize, maxSingleCopySize, clock);
    }

    /** {@inheritDoc} One HEAD request. */
    @Override
    public Optional<BundleInfo> stat(BundleKey key) {
        requireNonNull(key, "key is null");
        checkOpen();
        return bucket.head(layout.objectKey(key), "reading " + key).map(head -> BundleMetadata.read(key,
                head.contentLength(), head.lastModified(), head.metadata()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One ranged GET, whose response body is the stream. A range that starts at or past the end of the
     * bundle is empty; one that extends past the end is cut there.
     */
    @Override
    public InputStream open(BundleKey key, long offset, long length) throws NoSuchFileException {
        requireNonNull(key, "key is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be non-negative, got offset " + offset
                    + " and length " + length);
        }
        checkOpen();
        String objectKey = layout.objectKey(key);
        if (length == 0) {
            if (bucket.head(objectKey, "reading " + key).isEmpty()) {
                throw bucket.noSuchBundle(key, objectKey);
            }
            return InputStream.nullInputStream();
        }
        String range = null;
        if (offset > 0 || length < Long.MAX_VALUE) {
            range = "bytes=" + offset + "-" + (length - 1 > Long.MAX_VALUE - offset ? "" : offset + length - 1);
        }
        return bucket.get(key, objectKey, range).<InputStream>map(in -> in).orElseGet(InputStream::nullInputStream);
    }

    /** {@inheritDoc} A HEAD, then a DELETE if the bundle was there. */
    @Override
    public boolean delete(BundleKey key) {
        requireNonNull(key, "key is null");
        checkOpen();
        String objectKey = layout.objectKey(key);
        if (bucket.head(objectKey, "deleting " + key).isEmpty()) {
            return false;
        }
        bucket.delete(objectKey, "deleting " + key);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Lists the objects page by page as the stream is consumed; failures meanwhile are thrown as
     * {@link VaultException}. To spare a request per bundle, the listed information has no checksum, and
     * its creation time is the server's last-modified time of the object (within a second of the recorded
     * one); {@link #stat(BundleKey)} returns both as recorded.
     */
    @Override
    public Stream<BundleInfo> list() {
        checkOpen();
        return Arrays.stream(BundleType.values()).flatMap(type -> bucket.list(layout.typePrefix(type))
                .flatMap(object -> layout.bundleKey(type, object.key()).stream()
                        .map(key -> new BundleInfo(key, object.size(), Optional.empty(), object.lastModified()))));
    }

    /** {@inheritDoc} Reads the whole bundle. */
    @Override
    public boolean verify(BundleKey key) throws IOException {
        requireNonNull(key, "key is null");
        checkOpen();
        String objectKey = layout.objectKey(key);
        try (ResponseInputStream<GetObjectResponse> in = bucket.get(key, objectKey, null)
                .orElseThrow(() -> bucket.noSuchBundle(key, objectKey))) {
            String recorded = BundleMetadata.sha256(in.response().metadata()).orElse(null);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(chunk)) > 0; size += n) {
                digest.update(chunk, 0, n);
            }
            return recorded == null || size == in.response().contentLength()
                    && HexFormat.of().formatHex(digest.digest()).equals(recorded);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Signs a GET of the bundle's object, without a request, valid for {@code validity} or the store's
     * {@linkplain S3BundleStoreBuilder#urlValidity(Duration) URL validity}, whichever is shorter; the
     * response names the bundle's file ({@code Content-Disposition: attachment; filename="…"}). The URL
     * does not check that the bundle exists. Empty when the store was given an {@code S3Client} without an
     * {@code S3Presigner}.
     */
    @Override
    public Optional<URI> downloadUrl(BundleKey key, Duration validity) {
        requireNonNull(key, "key is null");
        requireNonNull(validity, "validity is null");
        checkOpen();
        if (presigner == null) {
            return Optional.empty();
        }
        Duration effective = validity.compareTo(urlValidity) < 0 ? validity : urlValidity;
        try {
            return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(effective).getObjectRequest(g -> g
                    .bucket(bucket.failures().bucket()).key(layout.objectKey(key))
                    .responseContentDisposition(BundleMetadata.contentDisposition(key))
                    .responseContentType(key.mediaType()))).url().toURI());
        } catch (SdkException e) {
            throw bucket.failures().translate("signing a URL for " + key, e);
        } catch (URISyntaxException e) {
            throw new VaultException(ErrorCode.STORE_FAILURE, "The SDK signed an invalid URL for " + key, e);
        }
    }

    /**
     * Releases the HTTP client, S3 client and presigner the store created itself; those a host passed in
     * stay open. Commit or close writers first. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            owned.close();
        } catch (Exception e) {
            // nothing to do: the clients hold no data
        }
    }

    /** Describes the store: server, region, bucket, prefix, part size; never the secret key. */
    @Override
    public String toString() {
        return description;
    }

    private void checkOpen() {
        if (closed) {
            throw new VaultException(ErrorCode.STORE_FAILURE, "The bundle store " + description + " is closed.");
        }
    }
}
