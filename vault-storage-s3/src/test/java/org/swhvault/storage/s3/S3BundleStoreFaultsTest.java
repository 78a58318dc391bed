package org.swhvault.storage.s3;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.testing.BundleKeys;
import org.swhvault.testing.PseudoRandomBytes;

import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong credentials, missing buckets, and a server that goes away in the middle of an upload. */
class S3BundleStoreFaultsTest {
    private static final String BUCKET = "faults";
    private static final long PART = S3BundleStoreBuilder.MIN_PART_SIZE;

    @RegisterExtension
    static final S3Server server = S3Server.withBuckets(BUCKET);

    @Test
    void aWrongSecretKeyFailsAtStartAndSaysSo() {
        assertThatThrownBy(() -> server.storeFor(BUCKET).credentials(S3Server.ACCESS_KEY, "not-the-secret").build())
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("rejected the credentials")
                .hasMessageContaining("secret key does not match")
                .hasMessageContaining(server.endpoint().toString())
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void anUnknownAccessKeyFailsAtStartAndSaysSo() {
        assertThatThrownBy(() -> server.storeFor(BUCKET).credentials("nobody", S3Server.SECRET_KEY).build())
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("does not know the access key");
    }

    @Test
    void aMissingBucketFailsAtStartAndSaysSo() {
        assertThatThrownBy(() -> server.storeFor("no-such-bucket").build())
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageStartingWith("bucket 'no-such-bucket' does not exist at " + server.endpoint());
    }

    @Test
    void aMissingBucketIsCreatedWhenConfigured() throws IOException {
        String bucket = "created-" + UUID.randomUUID();
        try (S3BundleStore store = server.storeFor(bucket).createBucket(true).build()) {
            BundleKey key = BundleKeys.random();
            try (BundleWriter writer = store.create(key)) {
                writer.stream().write(new byte[] {1, 2, 3});
                writer.commit();
            }
            assertThat(store.stat(key)).isPresent();
        }
        try (S3BundleStore again = server.storeFor(bucket).build()) {
            assertThat(again.list()).hasSize(1);
        }
    }

    @Test
    void anUnreachableServerFailsAtStartAndSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> server.storeFor(BUCKET).endpoint(nowhere).build())
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("Cannot reach S3 at " + nowhere);
    }

    @Test
    void aServerStoppedMidUploadFailsTheWriterAndLeavesNoObject() throws Exception {
        String prefix = "stopped-" + UUID.randomUUID();
        BundleKey key = BundleKeys.random(BundleType.GIT_BARE);
        PseudoRandomBytes data = new PseudoRandomBytes(1, 3 * PART);
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(prefix).build()) {
            try (BundleWriter writer = store.create(key)) {
                data.writeTo(writer.stream(), 0, PART + 1);
                server.stop();
                try {
                    assertThatThrownBy(() -> data.writeTo(writer.stream(), PART + 1, Long.MAX_VALUE))
                            .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code())
                                    .isEqualTo(ErrorCode.STORE_FAILURE))
                            .hasMessageContaining("Cannot reach S3 at " + server.endpoint());
                    assertThatThrownBy(writer::commit).isInstanceOf(VaultException.class);
                } finally {
                    server.restart();
                }
            }
            assertNoObjectUnder(prefix);
            assertThat(store.stat(key)).isEmpty();

            // the next attempt, as the engine's retry makes it, succeeds on the same store
            try (BundleWriter writer = store.create(key)) {
                data.writeTo(writer.stream());
                writer.commit();
            }
            assertThat(store.verify(key)).isTrue();
        }
    }

    @Test
    void aServerStoppedBeforeCommitFailsTheCommitAndLeavesNoObject() throws Exception {
        String prefix = "commit-" + UUID.randomUUID();
        BundleKey key = BundleKeys.random();
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(prefix).build()) {
            try (BundleWriter writer = store.create(key)) {
                new PseudoRandomBytes(2, PART + 1000).writeTo(writer.stream());
                server.stop();
                try {
                    assertThatThrownBy(writer::commit).isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
                } finally {
                    server.restart();
                }
            }
            assertNoObjectUnder(prefix);
            assertThat(store.list()).isEmpty();
        }
    }

    private static void assertNoObjectUnder(String prefix) {
        try (S3Client raw = server.rawClient()) {
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents()).isEmpty();
        }
    }
}
