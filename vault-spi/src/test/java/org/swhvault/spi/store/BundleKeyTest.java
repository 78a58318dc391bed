package org.swhvault.spi.store;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleKeyTest {
    private static final Swhid DIR = Swhid.parse("swh:1:dir:" + "ab".repeat(20));
    private static final Swhid SNP = Swhid.parse("swh:1:snp:" + "cd".repeat(20));

    @Test
    void theDefaultCompressionIsTheReferencesAndNamesTheReferencesFiles() {
        BundleKey key = new BundleKey(BundleType.FLAT, Swhid.parse(DIR + ";origin=https://example.org"));
        assertThat(key).isEqualTo(new BundleKey(BundleType.FLAT, DIR, BundleCompression.GZIP));
        assertThat(key.swhid()).isEqualTo(DIR);
        assertThat(key.fileName()).isEqualTo("swh_1_dir_" + "ab".repeat(20) + ".tar.gz");
        assertThat(key.mediaType()).isEqualTo("application/gzip");
        assertThat(key.format()).isEqualTo("flat");
        assertThat(key).hasToString("flat:" + DIR);
        BundleKey bare = new BundleKey(BundleType.GIT_BARE, SNP);
        assertThat(bare.fileName()).endsWith(".git.tar");
        assertThat(bare.mediaType()).isEqualTo("application/x-tar");
        assertThat(bare.format()).isEqualTo("git-bare");
    }

    @Test
    void zstdBundlesAreOtherBundlesWithTheirOwnFileNameMediaTypeAndFormat() {
        BundleKey gzip = new BundleKey(BundleType.GITFAST, DIR);
        BundleKey zstd = new BundleKey(BundleType.GITFAST, DIR, BundleCompression.ZSTD);
        assertThat(zstd).isNotEqualTo(gzip);
        assertThat(zstd.hashCode()).isNotEqualTo(gzip.hashCode());
        assertThat(zstd.fileName()).isEqualTo("swh_1_dir_" + "ab".repeat(20) + ".gitfast.zst");
        assertThat(zstd.mediaType()).isEqualTo("application/zstd");
        assertThat(zstd.format()).isEqualTo("gitfast+zstd");
        assertThat(zstd).hasToString("gitfast+zstd:" + DIR);
    }

    @Test
    void formatNamesReadBackToTheSameKeyAndNothingElseIsAccepted() {
        for (BundleType type : BundleType.values()) {
            for (BundleCompression compression : BundleCompression.values()) {
                if (compression.appliesTo(type)) {
                    BundleKey key = new BundleKey(type, DIR, compression);
                    assertThat(BundleKey.formatOf(key.format(), DIR)).contains(key);
                }
            }
        }
        assertThat(BundleKey.formatOf("git_bare", SNP)).contains(new BundleKey(BundleType.GIT_BARE, SNP));
        for (String bad : new String[] {"", "tar", "flat+", "flat+gzip", "flat+ZSTD", "flat+lz4", "git-bare+zstd",
            "+zstd", "flat+zstd+zstd"}) {
            assertThat(BundleKey.formatOf(bad, DIR)).as("format '%s'", bad).isEmpty();
        }
    }

    @Test
    void fileNamesReadBackToTheirKeyAndForeignNamesToNone() {
        for (BundleType type : BundleType.values()) {
            for (BundleCompression compression : BundleCompression.values()) {
                if (compression.appliesTo(type)) {
                    BundleKey key = new BundleKey(type, type == BundleType.GIT_BARE ? SNP : DIR, compression);
                    assertThat(BundleKey.ofFileName(type, key.fileName())).contains(key);
                }
            }
        }
        String hex = "ab".repeat(20);
        for (String foreign : new String[] {"swh_1_dir_" + hex + ".tar", "swh_1_dir_" + hex + ".tar.bz2",
            "swh_1_dir_" + hex.toUpperCase() + ".tar.gz", "swh_1_dir_nothex.tar.gz", ".tar.gz", "notes.txt",
            "swh_1_dir_" + hex + ".gitfast.gz"}) {
            assertThat(BundleKey.ofFileName(BundleType.FLAT, foreign)).as("file name '%s'", foreign).isEmpty();
        }
        assertThat(BundleKey.ofFileName(BundleType.GIT_BARE, "swh_1_snp_" + "cd".repeat(20) + ".git.tar.zst")).isEmpty();
    }

    @Test
    void gitBareBundlesCannotBeZstdCompressed() {
        assertThatThrownBy(() -> new BundleKey(BundleType.GIT_BARE, SNP, BundleCompression.ZSTD))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessage("Only flat and gitfast bundles can be compressed with zstd; git-bare bundles are plain tar"
                        + " files.");
    }
}
