package org.swhvault.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.git.GeneratedHistory;
import org.swhvault.testing.git.GitFixture;

import com.github.luben.zstd.ZstdInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * zstd bundles requested through the engine: cooked, stored and tracked apart from the gzip bundle of the same
 * object, holding the same tar, and remembered as zstd by a journal read again.
 */
class VaultCompressionTest {
    @TempDir
    Path tmp;

    @Test
    void zstdAndGzipBundlesOfOneDirectoryAreCookedApartAndHoldTheSameTar() throws Exception {
        GitFixture git = GitFixture.initBare(tmp.resolve("repo.git"));
        String head = GeneratedHistory.write(git, 60, 4, 3);
        Swhid tree = Swhid.parse("swh:1:dir:" + git.revParse(head + "^{tree}"));
        BundleKey gzip = new BundleKey(BundleType.FLAT, tree);
        BundleKey zstd = new BundleKey(BundleType.FLAT, tree, BundleCompression.ZSTD);
        Path dir = tmp.resolve("vault");
        byte[] gzipBytes;
        byte[] zstdBytes;
        long zstdId;
        try (GitObjectSource source = GitObjectSource.open(git.gitDir()); FsBundleStore store = FsBundleStore.open(dir);
                JournalRequestStore requests = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = open(source, store, requests)) {
            assertThat(vault.compressions(BundleType.FLAT)).containsExactly(BundleCompression.GZIP,
                    BundleCompression.ZSTD);
            assertThat(vault.compressions(BundleType.GIT_BARE)).containsExactly(BundleCompression.GZIP);
            BundleStatus first = vault.cook(zstd, Optional.empty());
            BundleStatus second = vault.cook(gzip, Optional.empty());
            assertThat(first.id()).isNotEqualTo(second.id());
            assertThat(vault.awaitCompletion(zstd, Duration.ofMinutes(2)).state()).isEqualTo(RequestState.DONE);
            assertThat(vault.awaitCompletion(BundleType.FLAT, tree, Duration.ofMinutes(2)).state())
                    .isEqualTo(RequestState.DONE);
            zstdId = first.id();
            gzipBytes = read(vault, gzip);
            zstdBytes = read(vault, zstd);
            assertThat(vault.stored(zstd)).map(BundleInfo::size).contains((long) zstdBytes.length);
        }
        assertThat(zstdBytes).startsWith(0x28, 0xb5, 0x2f, 0xfd);
        assertThat(gzipBytes).startsWith(0x1f, 0x8b);
        byte[] tar;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipBytes))) {
            tar = in.readAllBytes();
        }
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstdBytes))) {
            assertThat(in.readAllBytes()).isEqualTo(tar);
        }

        // A vault started again on the same journal and store knows the zstd bundle as such.
        try (GitObjectSource source = GitObjectSource.open(git.gitDir()); FsBundleStore store = FsBundleStore.open(dir);
                JournalRequestStore requests = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = open(source, store, requests)) {
            assertThat(vault.status(zstd)).hasValueSatisfying(s -> {
                assertThat(s.id()).isEqualTo(zstdId);
                assertThat(s.state()).isEqualTo(RequestState.DONE);
                assertThat(s.key()).isEqualTo(zstd);
            });
            assertThat(vault.cook(zstd, Optional.empty()).state()).isEqualTo(RequestState.DONE);
            assertThat(read(vault, zstd)).isEqualTo(zstdBytes);
        }
    }

    @Test
    void aCookerThatOffersOnlyGzipRefusesZstdRequestsBeforeAnythingIsRecorded() throws Exception {
        GitFixture git = GitFixture.initBare(tmp.resolve("repo.git"));
        String head = GeneratedHistory.write(git, 5, 1, 1);
        Swhid tree = Swhid.parse("swh:1:dir:" + git.revParse(head + "^{tree}"));
        Cooker gzipOnly = new Cooker() {
            @Override
            public BundleType bundleType() {
                return BundleType.FLAT;
            }

            @Override
            public Set<ObjectType> objectTypes() {
                return Set.of(ObjectType.DIRECTORY);
            }

            @Override
            public void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context)
                    throws IOException {
                out.write(1);
            }
        };
        try (GitObjectSource source = GitObjectSource.open(git.gitDir());
                FsBundleStore store = FsBundleStore.open(tmp.resolve("vault"));
                Vault vault = Vault.builder().source(source).store(store).cookers(Cookers.of(List.of(gzipOnly)))
                        .build()) {
            BundleKey zstd = new BundleKey(BundleType.FLAT, tree, BundleCompression.ZSTD);
            assertThat(vault.compressions(BundleType.FLAT)).containsExactly(BundleCompression.GZIP);
            assertThatThrownBy(() -> vault.cook(zstd, Optional.empty()))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("This vault does not compress 'flat' bundles with zstd.");
            assertThatThrownBy(() -> vault.checkCookable(zstd)).isInstanceOf(VaultException.class);
            assertThat(vault.status(zstd)).isEmpty();
        }
    }

    private static Vault open(GitObjectSource source, FsBundleStore store, JournalRequestStore requests) {
        return Vault.builder().source(source).store(store).requestStore(requests).build();
    }

    private static byte[] read(Vault vault, BundleKey key) throws IOException {
        try (OpenBundle bundle = vault.open(key, 0, Long.MAX_VALUE); InputStream in = bundle.stream()) {
            return in.readAllBytes();
        }
    }
}
