package org.swhvault.storage.s3;

import java.io.ByteArrayInputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.store.BundleKey;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 requests the store makes on its bucket, each turning SDK failures into {@link VaultException}s. */
final class Bucket {
    private static final Logger LOG = LoggerFactory.getLogger(Bucket.class);
    private static final String BINARY = "application/octet-stream";

    private final S3Client client;
    private final String name;
    private final S3Failures failures;

    Bucket(S3Client client, S3Failures failures) {
        this.client = client;
        this.name = failures.bucket();
        this.failures = failures;
    }

    S3Failures failures() {
        return failures;
    }

    /** Checks that the bucket exists and the credentials may list it; creates it if asked to. */
    void check(String prefix, boolean create, String region) {
        try {
            client.listObjectsV2(b -> b.bucket(name).prefix(prefix).maxKeys(1));
        } catch (S3Exception e) {
            if (!"NoSuchBucket".equals(errorCode(e))) {
                throw failures.translate("checking the bucket", e);
            }
            if (!create) {
                throw failures.missingBucket();
            }
            LOG.info("Creating bucket '{}' at {}", name, failures.server());
            call("creating the bucket", () -> client.createBucket(b -> {
                b.bucket(name);
                if (!"us-east-1".equals(region)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region));
                }
            }));
        } catch (SdkException e) {
            throw failures.translate("checking the bucket", e);
        }
    }

    Optional<HeadObjectResponse> head(String key, String action) {
        return unlessMissing(action, () -> client.headObject(b -> b.bucket(name).key(key)));
    }

    /** Reads an object or a range of it; empty when the range starts past its end. */
    Optional<ResponseInputStream<GetObjectResponse>> get(BundleKey bundle, String key, String range)
            throws NoSuchFileException {
        String action = "reading " + bundle;
        try {
            return Optional.of(client.getObject(b -> b.bucket(name).key(key).range(range)));
        } catch (NoSuchKeyException e) {
            throw noSuchBundle(bundle, key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return Optional.empty();
            }
            if (e.statusCode() == 404) {
                throw noSuchBundle(bundle, key);
            }
            throw failures.translate(action, e);
        } catch (SdkException e) {
            throw failures.translate(action, e);
        }
    }

    /** Reads a whole object; empty if there is none under the key. */
    Optional<ResponseInputStream<GetObjectResponse>> find(String key, String action) {
        return unlessMissing(action, () -> client.getObject(b -> b.bucket(name).key(key)));
    }

    /** Makes a request about one object; empty if S3 says there is no such object. */
    private <T> Optional<T> unlessMissing(String action, Supplier<T> request) {
        try {
            return Optional.of(request.get());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failures.translate(action, e);
        } catch (SdkException e) {
            throw failures.translate(action, e);
        }
    }

    /** Writes an object from a file in one request, which makes it visible whole or not at all. */
    void put(String key, Path file, String action) {
        call(action, () -> client.putObject(b -> b.bucket(name).key(key).contentType(BINARY), RequestBody.fromFile(file)));
    }

    NoSuchFileException noSuchBundle(BundleKey bundle, String key) {
        return new NoSuchFileException("s3://" + name + "/" + key, null, "the store holds no bundle " + bundle);
    }

    void put(String key, BundleKey bundle, Map<String, String> metadata, byte[] bytes, int length) {
        call("writing " + bundle, () -> client.putObject(b -> b.bucket(name).key(key).metadata(metadata)
                .contentType(bundle.mediaType()).contentDisposition(BundleMetadata.contentDisposition(bundle)),
                body(bytes, length)));
    }

    String startUpload(String key, BundleKey bundle) {
        return call("starting the upload of " + bundle, () -> client.createMultipartUpload(b -> b.bucket(name)
                .key(key).contentType(BINARY))).uploadId();
    }

    CompletedPart uploadPart(String key, String uploadId, int number, byte[] bytes, int length, BundleKey bundle) {
        String eTag = call("uploading part " + number + " of " + bundle, () -> client.uploadPart(b -> b.bucket(name)
                .key(key).uploadId(uploadId).partNumber(number).contentLength((long) length), body(bytes, length)))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    void completeUpload(String key, String uploadId, List<CompletedPart> parts, BundleKey bundle) {
        call("completing the upload of " + bundle, () -> client.completeMultipartUpload(b -> b.bucket(name).key(key)
                .uploadId(uploadId).multipartUpload(u -> u.parts(parts))));
    }

    /** Best effort: a failure is logged, and the bucket's lifecycle rules must clean up. */
    void abortUploadQuietly(String key, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(name).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("Cannot abort multipart upload {} of s3://{}/{} at {}; it holds no visible object, but its parts"
                    + " stay until a lifecycle rule aborts incomplete uploads: {}", uploadId, name, key,
                    failures.server(), e.toString());
        }
    }

    /** Copies an object of at most 5 GiB inside the bucket in one request, giving it the bundle's metadata. */
    void copy(String source, String target, BundleKey bundle, Map<String, String> metadata) {
        call("publishing " + bundle, () -> client.copyObject(b -> b.sourceBucket(name).sourceKey(source)
                .destinationBucket(name).destinationKey(target).metadataDirective(MetadataDirective.REPLACE)
                .metadata(metadata).contentType(bundle.mediaType())
                .contentDisposition(BundleMetadata.contentDisposition(bundle))));
    }

    /** Copies an object of any size inside the bucket part by part, giving it the bundle's metadata. */
    void copyInParts(String source, String target, long size, long partSize, BundleKey bundle,
            Map<String, String> metadata) {
        String action = "publishing " + bundle;
        String uploadId = call(action, () -> client.createMultipartUpload(b -> b.bucket(name).key(target)
                .metadata(metadata).contentType(bundle.mediaType())
                .contentDisposition(BundleMetadata.contentDisposition(bundle)))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += partSize) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + partSize, size) - 1);
                String eTag = call(action, () -> client.uploadPartCopy(b -> b.sourceBucket(name).sourceKey(source)
                        .destinationBucket(name).destinationKey(target).uploadId(uploadId).partNumber(number)
                        .copySourceRange(range))).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            completeUpload(target, uploadId, parts, bundle);
        } catch (RuntimeException e) {
            abortUploadQuietly(target, uploadId);
            throw e;
        }
    }

    void delete(String key, String action) {
        call(action, () -> client.deleteObject(b -> b.bucket(name).key(key)));
    }

    void deleteQuietly(String key) {
        try {
            client.deleteObject(b -> b.bucket(name).key(key));
        } catch (SdkException e) {
            LOG.warn("Cannot delete s3://{}/{} at {}; delete it by hand or with a lifecycle rule: {}", name, key,
                    failures.server(), e.toString());
        }
    }

    /** Every object under a prefix, page by page as the stream is consumed. */
    Stream<S3Object> list(String prefix) {
        String action = "listing " + prefix;
        Iterator<S3Object> objects = call(action, () -> client.listObjectsV2Paginator(b -> b.bucket(name)
                .prefix(prefix)).contents().iterator());
        Iterator<S3Object> translating = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return call(action, objects::hasNext);
            }

            @Override
            public S3Object next() {
                return call(action, objects::next);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(translating,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failures.translate(action, e);
        }
    }

    private static RequestBody body(byte[] bytes, int length) {
        // a provider, not a copy: the SDK re-reads the part to sign it and to retry
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, BINARY);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
