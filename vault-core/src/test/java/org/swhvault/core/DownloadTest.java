package org.swhvault.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.testing.store.ForwardingBundleStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A download asks the store once about the bundle and opens only the bytes it serves. */
class DownloadTest {
    @TempDir
    Path tmp;

    /** Counts what the vault asks the store when serving. */
    private static final class CountingStore extends ForwardingBundleStore {
        final AtomicInteger stats = new AtomicInteger();
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger urls = new AtomicInteger();

        CountingStore(org.swhvault.spi.store.BundleStore store) {
            super(store);
        }

        @Override
        public Optional<BundleInfo> stat(BundleKey key) throws IOException {
            stats.incrementAndGet();
            return super.stat(key);
        }

        @Override
        public InputStream open(BundleKey key, long offset, long length) throws IOException {
            opens.incrementAndGet();
            return super.open(key, offset, length);
        }

        @Override
        public Optional<URI> downloadUrl(BundleKey key, Duration validity) throws IOException {
            urls.incrementAndGet();
            return super.downloadUrl(key, validity);
        }
    }

    @Test
    void aRangedDownloadLooksOnceAndOpensOnce() throws Exception {
        try (VaultHarness h = new VaultHarness(tmp, 1)) {
            CountingStore store = new CountingStore(h.store);
            try (Vault vault = h.builder().store(store).build()) {
                vault.cook(BundleType.FLAT, h.dir(0));
                h.executor.runAll();
                int statsBefore = store.stats.get();

                Download download = vault.download(BundleType.FLAT, h.dir(0), Duration.ofMinutes(5));
                assertThat(download.url()).as("a file store signs no URL").isEmpty();
                long size = download.info().size();
                try (OpenBundle part = download.open(10, 20); InputStream in = part.stream()) {
                    assertThat(in.readAllBytes()).hasSize(20);
                    assertThat(part.offset()).isEqualTo(10);
                }
                assertThat(store.stats.get() - statsBefore).isEqualTo(1);
                assertThat(store.urls).hasValue(1);
                assertThat(store.opens).hasValue(1);

                assertThatThrownBy(() -> download.open(size + 1, 1)).isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                        .hasMessage("The range starts at byte " + (size + 1) + " but the bundle has " + size + " bytes.");
                assertThat(store.opens).as("a refused range opens nothing").hasValue(1);
            }
        }
    }

    @Test
    void aBundleNotCookedHasNoDownload() throws Exception {
        try (VaultHarness h = new VaultHarness(tmp, 1); Vault vault = h.builder().build()) {
            assertThatThrownBy(() -> vault.download(BundleType.FLAT, h.dir(0), Duration.ofMinutes(5)))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
                    .hasMessage("Cooked archive for " + h.dir(0) + " not found.");
        }
    }
}
