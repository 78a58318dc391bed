package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.testing.request.ForwardingRequestStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine reads from its request store, which for a shared store (PostgreSQL) is a round trip each: a
 * queued request is claimed from the row it was queued with, read back only if that row changed, and a thread
 * awaiting a bundle is not sent to the store each time another bundle finishes. Counted on a real memory store.
 */
class VaultStoreReadsTest {
    @TempDir
    Path dir;

    /** Counts the reads of each bundle's row, by key and by id. */
    private static final class CountingReads extends ForwardingRequestStore {
        final Map<BundleKey, AtomicInteger> reads = new ConcurrentHashMap<>();
        final Map<Long, BundleKey> keys = new ConcurrentHashMap<>();
        volatile CountDownLatch firstRead = new CountDownLatch(1);

        CountingReads(RequestStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<BundleRequest> get(BundleKey key) {
            count(key);
            Optional<BundleRequest> row = super.get(key);
            row.ifPresent(r -> keys.put(r.id(), key));
            return row;
        }

        @Override
        public Optional<BundleRequest> get(long id) {
            Optional<BundleRequest> row = super.get(id);
            row.ifPresent(r -> count(r.key()));
            return row;
        }

        private void count(BundleKey key) {
            reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            firstRead.countDown();
        }

        int reads(BundleKey key) {
            AtomicInteger n = reads.get(key);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    void aQueuedRequestIsClaimedFromTheRowItWasQueuedWithWithoutReadingItBack() throws Exception {
        try (VaultHarness h = new VaultHarness(dir)) {
            CountingReads requests = new CountingReads(new MemoryRequestStore());
            try (Vault vault = h.builder().requestStore(requests).maxConcurrentCooks(1).build()) {
                vault.cook(BundleType.FLAT, h.dir(0)); // takes the only slot, created claimed
                BundleStatus queued = vault.cook(BundleType.FLAT, h.dir(1));
                assertThat(queued.state()).as("no room: queued").isEqualTo(RequestState.NEW);
                int before = requests.reads(h.flat(1));

                assertThat(h.executor.runAll()).isEqualTo(2);

                assertThat(requests.reads(h.flat(1))).as("reads of the queued row while it was claimed and cooked")
                        .isEqualTo(before);
                assertThat(requests.get(h.flat(1)).orElseThrow().state()).isEqualTo(RequestState.DONE);
                assertThat(h.cooker.cooks()).isEqualTo(2);
            }
        }
    }

    @Test
    void aQueuedRequestClaimedElsewhereMeanwhileIsReadBackAndNotCookedHere() throws Exception {
        try (VaultHarness h = new VaultHarness(dir)) {
            CountingReads requests = new CountingReads(new MemoryRequestStore());
            try (Vault vault = h.builder().requestStore(requests).maxConcurrentCooks(1).build()) {
                vault.cook(BundleType.FLAT, h.dir(0));
                BundleRequest queued = requests.get(vault.cook(BundleType.FLAT, h.dir(1)).id()).orElseThrow();
                // another vault on the same store claims it first
                BundleRequest elsewhere = queued.toBuilder().state(RequestState.PENDING)
                        .lease(Optional.of(new Lease("other-vault#1", VaultHarness.START.plus(VaultHarness.LEASE))))
                        .attempts(1).build();
                assertThat(requests.compareAndSet(queued, elsewhere)).isPresent();

                h.executor.runAll();

                assertThat(h.cooker.cooks()).as("only the bundle this vault claimed was cooked").isEqualTo(1);
                BundleRequest row = requests.get(h.flat(1)).orElseThrow();
                assertThat(row.state()).isEqualTo(RequestState.PENDING);
                assertThat(row.lease().orElseThrow().owner()).isEqualTo("other-vault#1");
            }
        }
    }

    @Test
    void aQueuedRequestDeletedAndRequestedAgainIsClaimedUnderItsNewId() throws Exception {
        try (VaultHarness h = new VaultHarness(dir)) {
            CountingReads requests = new CountingReads(new MemoryRequestStore());
            try (Vault vault = h.builder().requestStore(requests).maxConcurrentCooks(1).build()) {
                vault.cook(BundleType.FLAT, h.dir(0));
                BundleRequest queued = requests.get(vault.cook(BundleType.FLAT, h.dir(1)).id()).orElseThrow();
                assertThat(requests.delete(queued)).isTrue();
                BundleRequest again = requests.createIfAbsent(h.flat(1), VaultHarness.START);
                assertThat(again.id()).isNotEqualTo(queued.id());

                h.executor.runAll();

                assertThat(requests.get(h.flat(1)).orElseThrow())
                        .satisfies(r -> assertThat(r.id()).isEqualTo(again.id()))
                        .satisfies(r -> assertThat(r.state()).isEqualTo(RequestState.DONE));
                assertThat(h.cooker.cooks()).isEqualTo(2);
            }
        }
    }

    @Test
    void aWaiterIsNotSentToTheStoreEachTimeAnotherBundleFinishes() throws Exception {
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try (VaultHarness h = new VaultHarness(dir)) {
            CountingReads requests = new CountingReads(new MemoryRequestStore());
            try (Vault vault = h.builder().requestStore(requests).maxConcurrentCooks(4).build()) {
                for (int i = 0; i < 5; i++) {
                    vault.cook(BundleType.FLAT, h.dir(i));
                }
                requests.firstRead = new CountDownLatch(1);
                Future<BundleStatus> awaited =
                        waiter.submit(() -> vault.awaitCompletion(BundleType.FLAT, h.dir(4), Duration.ofMinutes(1)));
                assertThat(requests.firstRead.await(1, TimeUnit.MINUTES)).as("the waiter read its status").isTrue();
                int afterFirstRead = requests.reads(h.flat(4));

                long start = System.nanoTime();
                for (int i = 0; i < 4; i++) {
                    assertThat(h.executor.runNext()).isTrue(); // bundles 0 to 3 finish, one after the other
                    Thread.sleep(20); // time for the waiter to wake up, were it woken to read
                }
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                int whileOthersFinished = requests.reads(h.flat(4)) - afterFirstRead;
                h.executor.runAll();

                assertThat(awaited.get(1, TimeUnit.MINUTES).state()).isEqualTo(RequestState.DONE);
                // it reads again once a second for other vaults' changes; four finishes sent it to read four times
                assertThat(whileOthersFinished).as("reads while 4 other bundles finished in %d ms", elapsedMillis)
                        .isLessThanOrEqualTo((int) (elapsedMillis / 1000) + 1);
            }
        } finally {
            waiter.shutdownNow();
        }
    }
}
