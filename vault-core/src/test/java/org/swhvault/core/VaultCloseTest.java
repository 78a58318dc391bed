package org.swhvault.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.testing.cook.TestCooker;
import org.swhvault.testing.store.ForwardingBundleStore;

import static org.assertj.core.api.Assertions.assertThat;

/** What a host embedding the vault sees when it stops it. */
class VaultCloseTest {
    @TempDir
    Path dir;

    /** The live threads whose names start with {@code prefix}. */
    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    /**
     * A store whose listing, the first step of expiry, blocks until interrupted and then, like a driver that
     * finishes its round trip first, takes a moment more before it returns.
     */
    private static final class SlowListing extends ForwardingBundleStore {
        final CountDownLatch listing = new CountDownLatch(1);

        SlowListing(VaultHarness h) {
            super(h.store);
        }

        @Override
        public Stream<BundleInfo> list() throws IOException {
            listing.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                Thread.currentThread().interrupt();
            }
            throw new IOException("interrupted");
        }
    }

    @Test
    void noThreadOfTheVaultOutlivesCloseSoTheHostMayCloseItsStoresRightAfter() throws Exception {
        try (VaultHarness h = new VaultHarness(dir, 1)) {
            SlowListing store = new SlowListing(h);
            Vault vault = Vault.builder().source(h.source).store(store).instanceId("closing")
                    .expiryPolicy(ExpiryPolicy.keepForever().withMaxTotalSize(1).withInterval(Duration.ofMillis(1)))
                    .build();
            vault.cook(BundleType.FLAT, h.dir(0));
            assertThat(vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ofMinutes(1)).state())
                    .isEqualTo(RequestState.DONE);
            store.listing.await();

            vault.close();

            assertThat(threadsNamed("closing-")).as("the vault's scheduler and cook threads once close returned")
                    .isEmpty();
        }
    }

    @Test
    void durationsTooLongForNanosecondsMeanForeverNotAnArithmeticException() {
        Duration forever = ChronoUnit.FOREVER.getDuration();
        try (VaultHarness h = new VaultHarness(dir, 1)) {
            Vault vault = Vault.builder().source(h.source).store(h.store).instanceId("forever")
                    .shutdownGracePeriod(forever).build();
            vault.cook(BundleType.FLAT, h.dir(0));

            assertThat(vault.awaitCompletion(BundleType.FLAT, h.dir(0), forever).state()).isEqualTo(RequestState.DONE);
            vault.close();
            assertThat(threadsNamed("forever-")).isEmpty();
        }
    }

    @Test
    void closingOnAnInterruptedThreadSkipsTheGraceButStillStopsTheCooksAndGetsTheirRequestsBack() throws Exception {
        try (VaultHarness h = new VaultHarness(dir, 1); MemoryRequestStore requests = new MemoryRequestStore()) {
            TestCooker held = TestCooker.held(BundleType.FLAT, 100);
            Vault vault = Vault.builder().source(h.source).store(h.store).requestStore(requests).instanceId("hurried")
                    .cookers(Cookers.of(List.of(held))).shutdownGracePeriod(Duration.ofHours(1)).build();
            vault.cook(BundleType.FLAT, h.dir(0));
            while (vault.progress(BundleType.FLAT, h.dir(0)).isEmpty()) {
                Thread.onSpinWait(); // the cook runs and waits for the test
            }

            Thread.currentThread().interrupt(); // a host stopping in a hurry, or from a cancelled task
            try {
                vault.close();
            } finally {
                assertThat(Thread.interrupted()).as("the caller's interrupt flag is kept").isTrue();
            }

            assertThat(threadsNamed("hurried-")).isEmpty();
            assertThat(requests.get(new BundleKey(BundleType.FLAT, h.dir(0))).orElseThrow().state())
                    .as("the cancelled cook handed its request back for the next run").isEqualTo(RequestState.NEW);
        }
    }
}
