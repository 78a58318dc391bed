package org.swhvault.core.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link RequestStore} promises; each implementation's test extends this. */
abstract class RequestStoreContract {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final BundleKey A = key("a1");
    static final BundleKey B = key("b2");
    static final BundleKey C = key("c3");

    RequestStore store;

    abstract RequestStore open() throws Exception;

    static BundleKey key(String hexPair) {
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
