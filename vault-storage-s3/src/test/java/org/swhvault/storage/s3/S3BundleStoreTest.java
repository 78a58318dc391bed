package org.swhvault.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.testing.BundleKeys;
import org.swhvault.testing.PseudoRandomBytes;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/** What the S3 store does beyond the conformance suite: its object layout, uploads, URLs and description. */
class S3BundleStoreTest {
    private static final String BUCKET = "store";
    private static final long PART = S3BundleStoreBuilder.MIN_PART_SIZE;

    @RegisterExtension
    static final S3Server server = S3Server.withBuckets(BUCKET);

    @Test
    void aBundleIsOneObjectWithItsMediaTypeFileNameAndMetadata() throws IOException {
        String prefix = uniquePrefix();
        Instant now = Instant.parse("2026-03-01T12:34:56.789123Z");
        BundleKey key = BundleKeys.random(BundleType.FLAT);
        PseudoRandomBytes data = new PseudoRandomBytes(1, PART + 5);
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(prefix).clock(Clock.fixed(now, ZoneOffset.UTC))
                .build()) {
            BundleInfo info = put(store, key, data);
            assertThat(info.created()).isEqualTo(now);
        }
        try (S3Client raw = server.rawClient()) {
            String objectKey = prefix + "/flat/" + key.fileName();
            HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(objectKey));
            assertThat(head.contentLength()).isEqualTo(data.size());
            assertThat(head.contentType()).isEqualTo("application/gzip");
            assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"" + key.fileName() + "\"");
            assertThat(head.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "swhvault-sha256", data.sha256(),
                    "swhvault-size", Long.toString(data.size()),
                    "swhvault-created", now.toString()));
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents())
                    .extracting(S3Object::key).containsExactly(objectKey);
        }
    }

    @Test
    void uploadsLeaveNoPartsBehindWhetherCommittedOrDiscarded() throws IOException {
        String prefix = uniquePrefix();
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(prefix).build()) {
            put(store, BundleKeys.random(), new PseudoRandomBytes(2, 2 * PART + 3));
            try (BundleWriter discarded = store.create(BundleKeys.random())) {
                new PseudoRandomBytes(3, 2 * PART + 3).writeTo(discarded.stream());
            }
        }
        try (S3Client raw = server.rawClient()) {
            assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads())
                    .as("multipart uploads in progress").isEmpty();
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents()).hasSize(1);
        }
    }

    @Test
    void bundlesLargerThanOneCopyAreCopiedPartByPart() throws IOException {
        BundleKey key = BundleKeys.random();
        PseudoRandomBytes data = new PseudoRandomBytes(4, 2 * PART + 12_345);
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(uniquePrefix()).maxSingleCopySize(PART).build()) {
            BundleInfo info = put(store, key, data);
            assertThat(store.stat(key)).contains(info);
            try (InputStream in = store.open(key)) {
                assertThat(data.mismatch(in)).isEqualTo(-1);
            }
            assertThat(store.verify(key)).isTrue();
        }
    }

    @Test
    void aDownloadUrlNamesTheFileAndIsValidForTheShorterOfTheTwoValidities() throws IOException {
        BundleKey key = BundleKeys.random(BundleType.GIT_BARE);
        PseudoRandomBytes data = new PseudoRandomBytes(5, 3000);
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(uniquePrefix()).urlValidity(Duration.ofHours(1))
                .build()) {
            put(store, key, data);
            URI shortUrl = store.downloadUrl(key, Duration.ofMinutes(10)).orElseThrow();
            URI cappedUrl = store.downloadUrl(key, Duration.ofDays(3)).orElseThrow();
            assertThat(shortUrl.getQuery()).contains("X-Amz-Expires=600");
            assertThat(cappedUrl.getQuery()).contains("X-Amz-Expires=3600");
            HttpURLConnection connection = (HttpURLConnection) shortUrl.toURL().openConnection();
            try {
                assertThat(connection.getResponseCode()).isEqualTo(200);
                assertThat(connection.getHeaderField("Content-Disposition"))
                        .isEqualTo("attachment; filename=\"" + key.fileName() + "\"");
                assertThat(connection.getHeaderField("Content-Type")).isEqualTo("application/x-tar");
                try (InputStream in = connection.getInputStream()) {
                    assertThat(data.mismatch(in)).isEqualTo(-1);
                }
            } finally {
                connection.disconnect();
            }
        }
    }

    @Test
    void aHostsOwnClientWithoutPresignerGivesNoDownloadUrl() throws IOException {
        try (S3Client raw = server.rawClient();
                S3BundleStore store = S3BundleStore.builder().client(raw, null).bucket(BUCKET).prefix(uniquePrefix())
                        .build()) {
            BundleKey key = BundleKeys.random();
            put(store, key, new PseudoRandomBytes(6, 10));
            assertThat(store.stat(key)).isPresent();
            assertThat(store.downloadUrl(key, Duration.ofMinutes(1))).isEmpty();
            assertThat(store.toString()).contains(server.endpoint().toString());
        }
    }

    @Test
    void objectsThatAreNotBundlesAreIgnoredAndBundlesWithoutMetadataHaveNoChecksum() throws IOException {
        String prefix = uniquePrefix();
        BundleKey handMade = BundleKeys.random(BundleType.GITFAST);
        try (S3Client raw = server.rawClient()) {
            for (String foreign : new String[] {"flat/README.txt", "flat/swh_1_dir_xyz.tar.gz", "other/x",
                    "gitfast/swh_1_dir_" + "0".repeat(40) + ".tar.gz", ".uploads/some-upload"}) {
                raw.putObject(b -> b.bucket(BUCKET).key(prefix + "/" + foreign), RequestBody.fromString("x"));
            }
            raw.putObject(b -> b.bucket(BUCKET).key(prefix + "/gitfast/" + handMade.fileName()),
                    RequestBody.fromString("hand made"));
        }
        try (S3BundleStore store = server.storeFor(BUCKET).prefix(prefix).build()) {
            assertThat(store.list()).extracting(BundleInfo::key).containsExactly(handMade);
            BundleInfo info = store.stat(handMade).orElseThrow();
            assertThat(info.size()).isEqualTo(9);
            assertThat(info.sha256()).isEmpty();
            assertThat(store.verify(handMade)).isTrue();
        }
    }

    @Test
    void storesUnderDifferentPrefixesOfOneBucketDoNotSeeEachOther() throws IOException {
        try (S3BundleStore a = server.storeFor(BUCKET).prefix(uniquePrefix()).build();
                S3BundleStore b = server.storeFor(BUCKET).prefix(uniquePrefix()).build()) {
            BundleKey key = BundleKeys.random();
            put(a, key, new PseudoRandomBytes(7, 100));
            assertThat(b.stat(key)).isEmpty();
            assertThat(b.list()).isEmpty();
            assertThat(a.list()).hasSize(1);
        }
    }

    @Test
    void theDescriptionShowsTheAccessKeyButNeverTheSecretKey() {
        S3BundleStoreBuilder builder = server.storeFor(BUCKET);
        try (S3BundleStore store = builder.build()) {
            assertThat(store.toString()).contains(S3Server.ACCESS_KEY, BUCKET, server.endpoint().toString())
                    .doesNotContain(S3Server.SECRET_KEY);
            assertThat(builder.toString()).contains(S3Server.ACCESS_KEY).doesNotContain(S3Server.SECRET_KEY);
        }
    }

    private static BundleInfo put(S3BundleStore store, BundleKey key, PseudoRandomBytes data) throws IOException {
        try (BundleWriter writer = store.create(key)) {
            data.writeTo(writer.stream());
            return writer.commit();
        }
    }

    private static String uniquePrefix() {
        return "t-" + UUID.randomUUID();
    }
}
