package org.swhvault.source.swhrpc;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The source is found by name and configured by settings that are checked at once. */
class SwhStorageRpcSourceProviderTest {
    static void refused(Map<String, String> config, String message) {
        assertThatThrownBy(() -> ObjectSources.create("swh-storage-rpc", config))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(message);
    }

    @Test
    void theSourceIsFoundByNameAndReadsTheServer() {
        try (StorageRpcServer server = StorageRpcServer.serve(MemoryObjectSource.builder().build());
                ObjectSource source = ObjectSources.create("swh-storage-rpc", Map.of("url", server.url().toString(),
                        "retries", "0", "retry-delay", "10ms", "timeout", "30s", "connect-timeout", "2s",
                        "batch-size", "10", "page-size", "10", "parallelism", "2", "max-content-size", "16MiB"))) {
            assertThat(source).isInstanceOf(SwhStorageRpcSource.class).hasToString("swh-storage at " + server.url());
            assertThat(source.revision(org.swhvault.spi.model.ObjectId.fromHex("ab".repeat(20)))).isEmpty();
        }
    }

    @Test
    void badSettingsAreRefusedWithWhatIsExpected() {
        refused(Map.of(), "needs 'url'");
        refused(Map.of("url", "ftp://storage/"), "'url' must be an http or https URL");
        refused(Map.of("url", "storage-public:5002"), "'url' must be an http or https URL");
        refused(Map.of("url", "http://storage/", "batchsize", "10"), "batchsize");
        refused(Map.of("url", "http://storage/", "timeout", "0s"), "'timeout' must be longer than 0");
        refused(Map.of("url", "http://storage/", "max-content-size", "3GiB"), "at most 2147483647 bytes");
        refused(Map.of("url", "http://storage/", "parallelism", "0"), "parallelism");
    }
}
