package org.swhvault.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** What a status page reads of a vault besides the reference's status: live progress, limits, stored sizes. */
class VaultProgressTest {
    @TempDir
    Path dir;
    VaultHarness h;
    Vault vault;

    @BeforeEach
    void start() {
        h = new VaultHarness(dir);
        vault = h.builder().maxBundleSize(BundleType.FLAT, 5000).build();
    }

    @AfterEach
    void stop() {
        vault.close();
        h.close();
    }

    @Test
    void aRunningCookShowsItsLatestReportAndNothingOnceItEnds() {
        List<Optional<CookProgress>> seen = new ArrayList<>();
        h.cooker.script((swhid, out, context) -> {
            seen.add(vault.progress(BundleType.FLAT, swhid));
            context.progress("Writing objects", 4, 10);
            seen.add(vault.progress(BundleType.FLAT, swhid));
            context.progress("Writing references\nmore lines", 7, -1);
            seen.add(vault.progress(BundleType.FLAT, swhid));
            out.write(new byte[10]);
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        assertThat(seen).containsExactly(Optional.empty(),
                Optional.of(new CookProgress("Writing objects", 4, 10)),
                Optional.of(new CookProgress("Writing references", 7, -1)));
        assertThat(vault.progress(BundleType.FLAT, h.dir(0))).isEmpty();
        assertThat(vault.progress(BundleType.GIT_BARE, h.dir(0))).isEmpty();
    }

    @Test
    void theStoredSizeOfACookedBundleIsReadWithoutCountingAnAccess() {
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();
        BundleStatus before = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        h.clock.advance(java.time.Duration.ofMinutes(5));

        assertThat(vault.stored(BundleType.FLAT, h.dir(0)).orElseThrow().size()).isEqualTo(1000);
        assertThat(vault.stored(BundleType.FLAT, h.dir(1))).isEmpty();
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().lastAccess()).isEqualTo(before.lastAccess());
    }

    @Test
    void limitsAndObjectTypesAreThoseOfTheVault() {
        assertThat(vault.maxBundleSize(BundleType.FLAT)).isEqualTo(5000);
        assertThat(vault.maxBundleSize(BundleType.GIT_BARE)).isEqualTo(1L << 30);
        assertThat(vault.objectTypes(BundleType.FLAT)).isEqualTo(Set.of(ObjectType.DIRECTORY));
        assertThat(vault.objectTypes(BundleType.GITFAST)).isEmpty();
        try (Vault all = h.builder().cookers(org.swhvault.core.cook.Cookers.of(List.of(
                TestCooker.of(BundleType.FLAT, 1), TestCooker.of(BundleType.GIT_BARE, 1)))).build()) {
            assertThat(all.objectTypes(BundleType.GIT_BARE)).containsExactly(ObjectType.DIRECTORY,
                    ObjectType.RELEASE, ObjectType.REVISION, ObjectType.SNAPSHOT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Writing objects (4/10)                 | Writing objects                        | 4  | 10",
        "Writing the directory tree (57)        | Writing the directory tree             | 57 | -1",
        "Writing revision 3 of 40               | Writing revision 3 of 40               | 3  | 40"})
    void theCountsAreReadBackFromTheMessageEveryVaultSees(String message, String phase, long done, long total) {
        assertThat(CookProgress.parse(message)).contains(new CookProgress(phase, done, total));
        assertThat(CookProgress.parse(ProgressText.format(phase.replaceAll(" \\d+ of \\d+$", ""), done, total)))
                .hasValueSatisfying(p -> assertThat(p.done()).isEqualTo(done));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Writing references", "Writing the bundle: 1.2 MiB of 3.4 MiB",
        "Processing...", "Cooking failed (see the log)"})
    void aMessageWithoutCountsHasNoProgress(String message) {
        assertThat(CookProgress.parse(message)).isEmpty();
    }

    @Test
    void theFractionIsKnownOnlyWithATotal() {
        assertThat(new CookProgress("x", 5, 10).fraction()).hasValue(0.5);
        assertThat(new CookProgress("x", 5, -1).fraction()).isEmpty();
        assertThat(new CookProgress("x", 0, 0).fraction()).hasValue(1);
    }
}
