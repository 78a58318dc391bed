package org.swhvault.testing.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link RequestStore} promises, as JUnit 5 tests. To run it against your store, extend
 * this class in your test sources and implement {@link #open()}, which returns a new, empty store each time
 * (ids start at 1); a store that several processes share also implements {@link #openAnother()}:
 *
 * <pre>{@code
 * class MyRequestStoreConformanceTest extends RequestStoreConformanceTest {
 *     @Override
 *     protected RequestStore open() {
 *         return MyRequestStore.create(...);
 *     }
 * }
 * }</pre>
 *
 * <p>Times are whole seconds, which every store keeps exactly (a SQL store may keep microseconds only).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class RequestStoreConformanceTest {
    /** The time of the suite's rows. */
    protected static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    /** A bundle. */
    protected static final BundleKey A = key("a1");
    /** Another bundle. */
    protected static final BundleKey B = key("b2");
    /** A third bundle. */
    protected static final BundleKey C = key("c3");

    /** The store under test, opened before each test and closed after it. */
    protected RequestStore store;

    /**
     * Returns a new, empty store.
     *
     * @return the store
     * @throws Exception if it cannot be opened
     */
    protected abstract RequestStore open() throws Exception;

    /**
     * Returns a second view of the store under test, as another process sharing it would open it, or empty if
     * the store cannot be shared (then the tests of sharing are skipped). The suite closes it.
     *
     * @return the second view
     * @throws Exception if it cannot be opened
     */
    protected Optional<RequestStore> openAnother() throws Exception {
        return Optional.empty();
    }

    /**
     * Returns the flat bundle of the directory whose id is {@code hexPair} repeated 20 times.
     *
     * @param hexPair two hex digits
     * @return the key
     */
    protected static BundleKey key(String hexPair) {
        return new BundleKey(BundleType.FLAT, Swhid.parse("swh:1:dir:" + hexPair.repeat(20)));
    }

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void everyFieldOfARowIsKeptExactly() {
        BundleRequest a = store.createIfAbsent(new BundleKey(BundleType.GIT_BARE,
                Swhid.parse("swh:1:snp:" + "0f".repeat(20))), T0);
        BundleRequest full = a.toBuilder()
                .state(RequestState.PENDING)
                .progressMessage(Optional.of("Écriture des objets (3/10) \u65e5\u672c \"quoted\" \\ 😀"))
                .attempts(2)
                .lastAccess(T0.plusSeconds(30))
                .sticky(true)
                .lease(Optional.of(new Lease("vault-1-ab#7", T0.plusSeconds(90))))
                .retryAt(Optional.of(T0.plusSeconds(45)))
                .addNotifyEmail("a@example.org").addNotifyEmail("ü@exämple.org")
                .build();
        BundleRequest stored = store.compareAndSet(a, full).orElseThrow();
        assertThat(stored).isEqualTo(full.toBuilder().version(1).build());
        assertThat(store.get(a.id())).contains(stored);

        BundleRequest failed = stored.toBuilder().state(RequestState.FAILED).lease(Optional.empty())
                .failure(Optional.of(ErrorCode.BUNDLE_TOO_LARGE)).retryAt(Optional.empty()).notifyEmails(List.of())
                .build();
        BundleRequest storedFailed = store.compareAndSet(stored, failed).orElseThrow();
        assertThat(storedFailed).isEqualTo(failed.toBuilder().version(2).build());
        assertThat(store.list(RequestState.FAILED)).containsExactly(storedFailed);

        BundleRequest done = storedFailed.toBuilder().state(RequestState.DONE).failure(Optional.empty())
                .progressMessage(Optional.empty()).done(Optional.of(T0.plusSeconds(99))).build();
        assertThat(store.compareAndSet(storedFailed, done)).contains(done.toBuilder().version(3).build());
    }

    @Test
    void concurrentCreationsOfOneBundleGetOneRowAndConcurrentChangesOfOneVersionOneWinner() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BundleRequest>> created = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                created.add(pool.submit(() -> store.createIfAbsent(A, T0)));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<BundleRequest> f : created) {
                ids.add(f.get().id());
            }
            assertThat(ids).hasSize(1);
            BundleRequest row = store.get(A).orElseThrow();
            List<Future<Optional<BundleRequest>>> changes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                changes.add(pool.submit(() -> store.compareAndSet(row, row.toBuilder()
                        .progressMessage(Optional.of("worker " + n)).build())));
            }
            int winners = 0;
            for (Future<Optional<BundleRequest>> f : changes) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.get(A).orElseThrow().version()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static UnaryOperator<BundleRequest> claimedBy(String owner) {
        return r -> r.toBuilder().state(RequestState.PENDING).lease(Optional.of(new Lease(owner, T0.plusSeconds(60))))
                .attempts(1).progressMessage(Optional.of("Processing...")).build();
    }

    @Test
    void aRowCreatedAsGivenIsStoredAsGivenAndAnExistingRowIsLeftAlone() {
        BundleRequest claimed = store.createIfAbsent(A, T0, claimedBy("w#1"));
        assertThat(claimed.state()).isEqualTo(RequestState.PENDING);
        assertThat(claimed.lease()).contains(new Lease("w#1", T0.plusSeconds(60)));
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.progressMessage()).contains("Processing...");
        assertThat(claimed.created()).isEqualTo(T0);
        assertThat(claimed.key()).isEqualTo(A);
        assertThat(store.get(A)).contains(claimed);
        assertThat(store.get(claimed.id())).contains(claimed);
        assertThat(store.list(RequestState.PENDING)).containsExactly(claimed);
        assertThat(store.list(RequestState.NEW)).isEmpty();

        assertThat(store.createIfAbsent(A, T0.plusSeconds(5), claimedBy("w#2"))).isEqualTo(claimed);
        assertThat(store.createIfAbsent(A, T0.plusSeconds(5))).isEqualTo(claimed);
        BundleRequest b = store.createIfAbsent(B, T0);
        assertThat(b.id()).isGreaterThan(claimed.id());
        assertThat(store.compareAndSet(claimed, claimed.toBuilder().state(RequestState.DONE).lease(Optional.empty())
                .done(Optional.of(T0.plusSeconds(9))).build())).isPresent();
    }

    @Test
    void concurrentCreationsAsGivenStoreOneOfThem() throws Exception {
        assertConcurrentCreationsStoreOne(owner -> store.createIfAbsent(A, T0, claimedBy(owner)));
    }

    /** Creates A claimed by 8 owners at once, with {@code create}: one row is stored, and all get it. */
    private void assertConcurrentCreationsStoreOne(Function<String, BundleRequest> create)
            throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BundleRequest>> created = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String owner = "w#" + i;
                created.add(pool.submit(() -> create.apply(owner)));
            }
            Set<BundleRequest> rows = new HashSet<>();
            for (Future<BundleRequest> f : created) {
                rows.add(f.get());
            }
            BundleRequest stored = store.get(A).orElseThrow();
            assertThat(stored.state()).isEqualTo(RequestState.PENDING);
            assertThat(rows).as("every caller sees the one row stored").containsExactly(stored);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void beginningACreationChecksForANewRowOnlyAndACheckThatThrowsCreatesNothing() {
        VaultException missing = new VaultException(ErrorCode.OBJECT_NOT_FOUND, "not found");
        assertThatThrownBy(() -> store.beginCreate(A, T0, claimedBy("w#1"), () -> {
            throw missing;
        })).isSameAs(missing);
        assertThat(store.get(A)).isEmpty();

        int[] checks = {0};
        RowCreation creation = store.beginCreate(A, T0, claimedBy("w#1"), () -> checks[0]++);
        creation.commit();
        BundleRequest claimed = creation.row();
        assertThat(checks[0]).isEqualTo(1);
        assertThat(claimed.state()).isEqualTo(RequestState.PENDING);
        assertThat(claimed.lease()).contains(new Lease("w#1", T0.plusSeconds(60)));
        assertThat(store.get(A)).contains(claimed);
        assertThat(store.get(claimed.id())).contains(claimed);

        RowCreation again = store.beginCreate(A, T0.plusSeconds(5), claimedBy("w#2"), () -> {
            throw missing;
        });
        assertThat(again.row()).as("an existing row is returned, whatever the check says").isEqualTo(claimed);
        again.commit();
        again.abort();
        assertThat(store.get(A)).contains(claimed);
    }

    @Test
    void concurrentCreationsBegunAndCommittedStoreOneOfThem() throws Exception {
        assertConcurrentCreationsStoreOne(owner -> {
            RowCreation creation = store.beginCreate(A, T0, claimedBy(owner), () -> { });
            creation.commit();
            return creation.row();
        });
    }

    @Test
    void aSecondViewOfASharedStoreSeesEveryChangeAndLosesStaleOnes() throws Exception {
        Optional<RequestStore> another = openAnother();
        Assumptions.assumeTrue(another.isPresent(), "this store cannot be shared");
        try (RequestStore other = another.get()) {
            BundleRequest a = store.createIfAbsent(A, T0);
            assertThat(other.createIfAbsent(A, T0.plusSeconds(1))).isEqualTo(a);
            BundleRequest claimed = other.compareAndSet(a, a.toBuilder().state(RequestState.PENDING)
                    .lease(Optional.of(new Lease("other#1", T0.plusSeconds(60)))).attempts(1).build()).orElseThrow();
            assertThat(store.get(A)).contains(claimed);
            assertThat(store.compareAndSet(a, a.toBuilder().sticky(true).build())).as("stale").isEmpty();
            long batch = other.createBatch(List.of(A, B));
            assertThat(store.batch(batch)).contains(List.of(A, B));
            assertThat(store.list(RequestState.PENDING)).containsExactly(claimed);
        }
    }

    @Test
    void creatingIsIdempotentAndGivesIncreasingIds() {
        BundleRequest a = store.createIfAbsent(A, T0);
        BundleRequest b = store.createIfAbsent(B, T0.plusSeconds(1));

        assertThat(a).isEqualTo(BundleRequest.create(1, A, T0));
        assertThat(b.id()).isEqualTo(2);
        assertThat(store.createIfAbsent(A, T0.plusSeconds(5))).isEqualTo(a);
        assertThat(store.get(A)).contains(a);
        assertThat(store.get(2)).contains(b);
        assertThat(store.get(C)).isEmpty();
        assertThat(store.get(3)).isEmpty();
    }

    @Test
    void bundlesDifferingOnlyInCompressionAreRequestedApartAndKeepTheirCompression() {
        BundleKey zstd = new BundleKey(A.type(), A.swhid(), BundleCompression.ZSTD);
        BundleRequest gzipRow = store.createIfAbsent(A, T0);
        BundleRequest zstdRow = store.createIfAbsent(zstd, T0.plusSeconds(1));

        assertThat(zstdRow).isEqualTo(BundleRequest.create(gzipRow.id() + 1, zstd, T0.plusSeconds(1)));
        assertThat(store.get(zstd)).contains(zstdRow);
        assertThat(store.get(zstdRow.id())).hasValueSatisfying(r -> assertThat(r.key().compression())
                .isEqualTo(BundleCompression.ZSTD));
        assertThat(store.get(A)).contains(gzipRow);
        assertThat(store.list(RequestState.NEW)).containsExactly(gzipRow, zstdRow);
        long batch = store.createBatch(List.of(zstd, A));
        assertThat(store.batch(batch)).contains(List.of(zstd, A));
        assertThat(store.delete(zstdRow)).isTrue();
        assertThat(store.get(zstd)).isEmpty();
        assertThat(store.get(A)).contains(gzipRow);
    }

    @Test
    void compareAndSetAppliesOnlyToTheVersionItRead() {
        BundleRequest a = store.createIfAbsent(A, T0);
        BundleRequest pending = a.toBuilder()
                .state(RequestState.PENDING)
                .attempts(1)
                .lease(Optional.of(new Lease("w#1", T0.plusSeconds(60))))
                .progressMessage(Optional.of("Processing..."))
                .addNotifyEmail("x@example.org")
                .build();

        BundleRequest stored = store.compareAndSet(a, pending).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored).isEqualTo(pending.toBuilder().version(1).build());
        assertThat(store.get(A)).contains(stored);

        assertThat(store.compareAndSet(a, a.toBuilder().sticky(true).build())).as("stale").isEmpty();
        assertThat(store.get(A)).contains(stored);
        assertThatThrownBy(() -> store.compareAndSet(stored, BundleRequest.create(9, A, T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingAppliesOnlyToTheVersionItReadAndIdsAreNeverReused() {
        BundleRequest a = store.createIfAbsent(A, T0);
        BundleRequest b = store.createIfAbsent(B, T0);
        BundleRequest b1 = store.compareAndSet(b, b.toBuilder().sticky(true).build()).orElseThrow();

        assertThat(store.delete(b)).as("stale").isFalse();
        assertThat(store.delete(b1)).isTrue();
        assertThat(store.delete(b1)).as("gone").isFalse();
        assertThat(store.get(B)).isEmpty();
        assertThat(store.get(b.id())).isEmpty();
        assertThat(store.createIfAbsent(B, T0).id()).isEqualTo(3);
        assertThat(store.get(A)).contains(a);
    }

    @Test
    void rowsAreListedByStateInIdOrder() {
        BundleRequest a = store.createIfAbsent(A, T0);
        BundleRequest b = store.createIfAbsent(B, T0);
        BundleRequest c = store.createIfAbsent(C, T0);
        BundleRequest bFailed = store.compareAndSet(b, b.toBuilder().state(RequestState.FAILED)
                .failure(Optional.of(ErrorCode.INTERNAL_ERROR)).build()).orElseThrow();

        assertThat(store.list(RequestState.NEW)).containsExactly(a, c);
        assertThat(store.list(RequestState.FAILED)).containsExactly(bFailed);
        assertThat(store.list(RequestState.DONE)).isEmpty();
    }

    @Test
    void batchesKeepTheirBundlesInOrder() {
        long first = store.createBatch(List.of(B, A));
        long second = store.createBatch(List.of(C));

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(store.batch(first)).contains(List.of(B, A));
        assertThat(store.batch(3)).isEmpty();
        assertThatThrownBy(() -> store.createBatch(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
