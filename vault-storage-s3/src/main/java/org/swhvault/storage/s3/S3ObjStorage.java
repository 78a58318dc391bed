package org.swhvault.storage.s3;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.objstorage.Compression;
import org.swhvault.objstorage.StoredContent;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.objstorage.ObjStorage;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static java.util.Objects.requireNonNull;

/**
 * An objstorage in an S3 bucket, laid out as swh-objstorage's S3 back end ({@code cls: s3},
 * {@code swh/objstorage/backends/libcloud.py}) lays it out: each content is one object whose key is its hex
 * sha1, after {@code <prefix>/} when there is a prefix (trailing slashes of the prefix are dropped first, as
 * swh-objstorage drops them), compressed as a whole with the objstorage's {@link Compression} (gzip unless
 * configured otherwise, as there). Software Heritage's public bucket is such an objstorage: bucket
 * {@code softwareheritage}, prefix {@code content}, gzip.
 *
 * <p>Reads stream the object's body and check the content's sha1 and length as they go. A content is added by
 * compressing it to a temporary file, checking it on the way, and sending that file in one PUT, so the object
 * appears whole or not at all; contents whose compressed form is over 5 GiB, the most one PUT takes, cannot
 * be added. Failures of S3 are {@link ErrorCode#SOURCE_FAILURE}s naming the server, bucket and cause.
 * Thread-safe; every method blocks on network I/O.
 */
public final class S3ObjStorage implements ObjStorage {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjStorage.class);
    private static final String NAME = "s3 objstorage";

    private final Bucket bucket;
    private final String keyPrefix;
    private final Compression compression;
    private final Path tempDirectory;
    private final AutoCloseable owned;
    private final String description;

    private S3ObjStorage(Bucket bucket, String keyPrefix, Compression compression, Path tempDirectory,
            AutoCloseable owned, String description) {
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.compression = compression;
        this.tempDirectory = tempDirectory;
        this.owned = owned;
        this.description = description;
    }

    /**
     * Opens the objstorage in a bucket and checks, with one listing request, that the bucket exists and the
     * credentials may list it. Blocks on that request.
     *
     * @param connection the bucket and how to reach it (endpoint, region, path style, credentials, HTTP client
     *     or a host's client), configured as for an {@link S3BundleStore}; its prefix, part size and URL
     *     validity are not used
     * @param prefix the key prefix of the contents, such as {@code content}, or empty
     * @param compression how the contents are compressed
     * @param tempDirectory where contents being added are compressed
     * @return the objstorage, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if no bucket was set, with
     *     {@link ErrorCode#SOURCE_FAILURE} if the server cannot be reached, rejects the credentials, or has no
     *     such bucket
     */
    public static S3ObjStorage open(S3BundleStoreBuilder connection, String prefix, Compression compression,
            Path tempDirectory) {
        requireNonNull(connection, "connection is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(tempDirectory, "tempDirectory is null");
        String keyPrefix = prefix.isEmpty() ? "" : prefix.replaceFirst("/+$", "") + "/";
        S3BundleStoreBuilder.Connection c = connection.connect(ErrorCode.SOURCE_FAILURE);
        String description = "S3ObjStorage[s3://" + c.bucket().failures().bucket() + "/" + keyPrefix + " at "
                + c.bucket().failures().server() + ", " + compression + ", " + c.credentials() + "]";
        return new S3ObjStorage(c.bucket(), keyPrefix, compression, tempDirectory, c.owned(), description);
    }

    /**
     * Returns the key of the object that holds, or would hold, a content.
     *
     * @param hashes the content's hashes, with its sha1
     * @return the key, such as {@code content/34973274ccef6ab4dfaaf86599792fa9c3fe4689}
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code hashes} has no sha1
     */
    public String key(ContentHashes hashes) {
        return keyPrefix + StoredContent.sha1Hex(hashes, NAME);
    }

    /** {@inheritDoc} One GET, whose response body is streamed. */
    @Override
    public Optional<InputStream> open(ContentHashes hashes) {
        String key = key(hashes);
        String where = "s3://" + bucket.failures().bucket() + "/" + key + " at " + bucket.failures().server();
        return bucket.find(key, "reading " + key).map(body -> StoredContent.reading(new Body(body), compression,
                hashes, where));
    }

    /** {@inheritDoc} One HEAD. */
    @Override
    public boolean contains(ContentHashes hashes) {
        String key = key(hashes);
        return bucket.head(key, "looking for " + key).isPresent();
    }

    /** {@inheritDoc} A HEAD, then a PUT if the content is not there. */
    @Override
    public void add(ContentHashes hashes, InputStream data) {
        requireNonNull(data, "data is null");
        String key = key(hashes);
        if (contains(hashes)) {
            LOG.debug("s3://{}/{} is there already", bucket.failures().bucket(), key);
            return;
        }
        String where = "s3://" + bucket.failures().bucket() + "/" + key;
        Path compressed = null;
        try {
            compressed = Files.createTempFile(tempDirectory, "swhvault-objstorage-", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(compressed), 64 * 1024)) {
                StoredContent.write(data, hashes, compression, out, where);
            }
            bucket.put(key, compressed, "writing " + key);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot compress content " + key + " for " + where
                    + " in " + tempDirectory + ": " + e, e);
        } finally {
            if (compressed != null) {
                try {
                    Files.deleteIfExists(compressed);
                } catch (IOException e) {
                    LOG.warn("Cannot delete the temporary file {}; delete it by hand: {}", compressed, e.toString());
                }
            }
        }
    }

    /** Closes the client, presigner and HTTP client built for this objstorage. */
    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            LOG.warn("Cannot close the S3 client of {}: {}", description, e.toString());
        }
    }

    /** Describes the objstorage: bucket, prefix, server, compression and credentials, never a secret key. */
    @Override
    public String toString() {
        return description;
    }

    /** A response body that, closed before its end, drops its connection rather than reading the rest. */
    private static final class Body extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean ended;

        Body(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            response.close();
        }
    }
}
