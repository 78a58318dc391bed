package org.swhvault.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultExpiryTest {
    @TempDir
    Path dir;
    VaultHarness h;
    Vault vault;

    @AfterEach
    void stop() {
        vault.close();
        h.close();
    }

    private void start(int directories, ExpiryPolicy policy) {
        h = new VaultHarness(dir, directories);
        h.cooker.script(TestCooker.writing(10));
        vault = h.builder().expiryPolicy(policy).build();
    }

    /** Cooks bundle {@code i} at the current time, then lets a minute pass. */
    private void cook(int i) {
        vault.cook(BundleType.FLAT, h.dir(i));
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(i)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        h.clock.advance(Duration.ofMinutes(1));
    }

    private List<Integer> survivors(int n) {
        return IntStream.range(0, n).filter(i -> vault.status(BundleType.FLAT, h.dir(i)).isPresent()).boxed().toList();
    }

    @Test
    void bundlesOlderThanTheMaximumAgeAreEvictedButStickyOnesStay() {
        start(3, ExpiryPolicy.keepForever().withMaxAge(Duration.ofMinutes(2)));
        cook(0);
        cook(1);
        cook(2);
        vault.setSticky(h.flat(0), true);

        ExpiryReport report = vault.expireNow();

        assertThat(report.evicted()).containsExactly(h.flat(1));
        assertThat(report.freedBytes()).isEqualTo(10);
        assertThat(report.remainingBytes()).isEqualTo(20);
        assertThat(survivors(3)).containsExactly(0, 2);
    }

    @Test
    void anEvictedBundleReadsAsNeverRequestedAndIsCookedAgainUnderANewId() {
        start(1, ExpiryPolicy.keepForever().withMaxAge(Duration.ofMinutes(1)));
        long id = vault.cook(BundleType.FLAT, h.dir(0)).id();
        h.executor.runAll();
        h.clock.advance(Duration.ofMinutes(1));
        vault.expireNow();

        assertThat(vault.status(BundleType.FLAT, h.dir(0))).isEmpty();
        assertThatThrownBy(() -> vault.open(BundleType.FLAT, h.dir(0)))
                .hasMessage("Cooked archive for " + h.dir(0) + " not found.");
        assertThatThrownBy(() -> vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ZERO))
                .hasMessage("Cooking of " + h.dir(0) + " was never requested.");
        BundleStatus again = vault.cook(BundleType.FLAT, h.dir(0));
        assertThat(again.state()).isEqualTo(RequestState.PENDING);
        assertThat(again.id()).isNotEqualTo(id);
    }

    @Test
    void fetchingABundleKeepsItFromExpiringForIdleness() {
        start(2, ExpiryPolicy.keepForever().withMaxIdle(Duration.ofMinutes(10)));
        cook(0);
        cook(1);
        h.clock.advance(Duration.ofMinutes(8));
        h.read(vault, h.dir(0));
        h.clock.advance(Duration.ofMinutes(3));

        assertThat(vault.expireNow().evicted()).containsExactly(h.flat(1));
        assertThat(survivors(2)).containsExactly(0);
    }

    @Test
    void aSizeLimitEvictsTheLeastRecentlyUsedLeavingTheReferenceSurvivors() {
        // The reference's test: nine bundles, the fifth sticky, the second and third fetched again; expiring
        // the four oldest leaves bundles 2, 3, 5, 8 and 9.
        start(9, ExpiryPolicy.keepForever().withMaxTotalSize(50));
        for (int i = 0; i < 9; i++) {
            cook(i);
        }
        vault.setSticky(h.flat(4), true);
        h.read(vault, h.dir(1));
        h.read(vault, h.dir(2));

        ExpiryReport report = vault.expireNow();

        assertThat(report.evicted()).containsExactly(h.flat(0), h.flat(3), h.flat(5), h.flat(6));
        assertThat(report.remainingBytes()).isEqualTo(50);
        assertThat(survivors(9)).containsExactly(1, 2, 4, 7, 8);
    }

    @Test
    void bundlesNoRequestKnowsOfGoFirstWhenTheStoreIsTooFull() throws IOException {
        start(3, ExpiryPolicy.keepForever().withMaxTotalSize(15));
        BundleKey orphan = new BundleKey(BundleType.FLAT, h.dir(2));
        try (BundleWriter writer = h.store.create(orphan)) {
            OutputStream out = writer.stream();
            out.write(new byte[10]);
            writer.commit();
        }
        h.clock.advance(Duration.ofMinutes(1));
        cook(0);
        cook(1);

        assertThat(vault.expireNow().evicted()).containsExactly(orphan, h.flat(0));
        assertThat(h.store.stat(orphan)).isEmpty();
        assertThat(survivors(2)).containsExactly(1);
    }

    @Test
    void expiryRunsOnItsOwnAtTheConfiguredInterval() {
        start(1, ExpiryPolicy.keepForever().withMaxAge(Duration.ofMinutes(30)).withInterval(Duration.ofHours(1)));
        cook(0);

        h.scheduler.advance(Duration.ofMinutes(58));
        assertThat(survivors(1)).containsExactly(0);
        h.scheduler.advance(Duration.ofMinutes(2));
        assertThat(survivors(1)).isEmpty();
    }

    @Test
    void withoutLimitsNothingIsEvicted() {
        start(2, ExpiryPolicy.keepForever());
        cook(0);
        cook(1);
        h.scheduler.advance(Duration.ofHours(6));

        ExpiryReport report = vault.expireNow();
        assertThat(report.evicted()).isEmpty();
        assertThat(report.remainingBytes()).isEqualTo(20);
        assertThat(survivors(2)).containsExactly(0, 1);
    }
}
