package org.swhvault.storage.s3;

import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.testing.store.BundleStoreConformanceTest;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The S3 store passes the conformance suite against S3Proxy, with the smallest parts S3 allows. */
class S3BundleStoreConformanceTest extends BundleStoreConformanceTest {
    private static final String BUCKET = "conformance";

    @RegisterExtension
    static final S3Server server = S3Server.withBuckets(BUCKET);

    private String prefix;

    @Override
    protected BundleStore newStore() {
        prefix = "test-" + UUID.randomUUID() + "/";
        return server.storeFor(BUCKET).prefix(prefix).build();
    }

    @Override
    protected void corrupt(BundleStore store, BundleKey key) {
        String objectKey = new ObjectLayout(prefix).objectKey(key);
        try (S3Client raw = server.rawClient()) {
            byte[] bytes = raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(objectKey)).asByteArray();
            HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(objectKey));
            bytes[bytes.length / 2] ^= 1;
            raw.putObject(b -> b.bucket(BUCKET).key(objectKey).metadata(head.metadata()), RequestBody.fromBytes(bytes));
        }
    }
}
