package org.swhvault.storage.s3;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleStoreProvider;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.testing.BundleKeys;
import org.swhvault.testing.PseudoRandomBytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3BundleStoreProviderTest {
    private static final String BUCKET = "provider";

    @RegisterExtension
    static final S3Server server = S3Server.withBuckets(BUCKET);

    @Test
    void theProviderIsFoundByNameAndMasksTheSecretKey() {
        BundleStoreProvider provider = ServiceLoader.load(BundleStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("s3")).findFirst().orElseThrow();
        assertThat(provider).isInstanceOf(S3BundleStoreProvider.class);
        assertThat(provider.secretProperties()).containsExactly("secretKey");
    }

    @Test
    void aConfiguredStoreWritesWithTheConfiguredPartSize() throws IOException {
        Map<String, String> config = config();
        config.put("partSize", "6MiB");
        config.put("urlValidity", "PT2M");
        config.put("region", "us-east-1");
        try (BundleStore store = new S3BundleStoreProvider().create(config)) {
            BundleKey key = BundleKeys.random();
            PseudoRandomBytes data = new PseudoRandomBytes(1, (6L << 20) + 1);
            try (BundleWriter writer = store.create(key)) {
                data.writeTo(writer.stream());
                writer.commit();
            }
            assertThat(store.verify(key)).isTrue();
            assertThat(store.toString()).contains("parts of " + (6 << 20) + " bytes").doesNotContain(
                    S3Server.SECRET_KEY);
            assertThat(store.downloadUrl(key, java.time.Duration.ofHours(1)).orElseThrow().getQuery())
                    .contains("X-Amz-Expires=120");
        }
    }

    @Test
    void aMissingBucketIsCreatedWhenConfigured() {
        Map<String, String> config = config();
        config.put("bucket", "made-by-config-" + UUID.randomUUID());
        assertThatThrownBy(() -> new S3BundleStoreProvider().create(config)).isInstanceOfSatisfying(
                VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("does not exist");
        config.put("createBucket", "true");
        new S3BundleStoreProvider().create(config).close();
    }

    @Test
    void wrongConfigurationIsRejectedWithTheKeyAndTheExpectedForm() {
        assertInvalid(Map.of("bucket", "b", "bukket", "c"), "does not know the setting 'bukket' (did you mean 'bucket'?)");
        assertInvalid(Map.of("prefix", "p"), "needs 'bucket' (the bucket's name)");
        assertInvalid(Map.of("bucket", "b", "accessKey", "a"), "got only 'accessKey'");
        assertInvalid(Map.of("bucket", "b", "secretKey", "s3cr3t"), "got only 'secretKey'");
        assertInvalid(Map.of("bucket", "b", "partSize", "4MiB"), "partSize must be between");
        assertInvalid(Map.of("bucket", "b", "partSize", "lots"), "setting 'partSize' must be a size such as");
        assertInvalid(Map.of("bucket", "b", "pathStyle", "yes"), "setting 'pathStyle' must be true or false, got 'yes'");
        assertInvalid(Map.of("bucket", "b", "urlValidity", "soon"), "a duration such as 30s, 5m, 2h, 1d or PT1H30M");
        assertInvalid(Map.of("bucket", "b", "urlValidity", "P8D"), "urlValidity must be positive and at most");
        assertInvalid(Map.of("bucket", "b", "endpoint", "ftp://host"), "http or https URL");
        assertInvalid(Map.of("bucket", "b", "region", "EU West"), "region must be");
    }

    private static void assertInvalid(Map<String, String> config, String message) {
        assertThatThrownBy(() -> new S3BundleStoreProvider().create(config)).isInstanceOfSatisfying(
                VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(message).hasMessageNotContaining("s3cr3t");
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("bucket", BUCKET);
        config.put("endpoint", server.endpoint().toString());
        config.put("pathStyle", "true");
        config.put("accessKey", S3Server.ACCESS_KEY);
        config.put("secretKey", S3Server.SECRET_KEY);
        config.put("prefix", "p-" + UUID.randomUUID());
        return config;
    }
}
