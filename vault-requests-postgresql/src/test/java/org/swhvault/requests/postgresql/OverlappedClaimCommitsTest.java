package org.swhvault.requests.postgresql;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request store suite again with {@code overlap-claim-commits}, and what that mode adds: a new row stays in an
 * open transaction until committed, invisible to another process, whose creations of the bundle wait for it.
 */
class OverlappedClaimCommitsTest extends PostgresRequestStoreConformanceTest {
    @Override
    boolean overlapClaimCommits() {
        return true;
    }

    private static UnaryOperator<BundleRequest> claimed(String owner) {
        return r -> r.toBuilder().state(RequestState.PENDING).lease(Optional.of(new Lease(owner, T0.plusSeconds(60))))
                .attempts(1).build();
    }

    /** Creates A from {@code other} on another thread, which must wait on the uncommitted row's lock. */
    private CompletableFuture<BundleRequest> createWaiting(RequestStore other) throws InterruptedException {
        CompletableFuture<BundleRequest> created = CompletableFuture.supplyAsync(() -> {
            RowCreation creation = other.beginCreate(A, Instant.parse("2025-01-01T00:00:01Z"), claimed("other#1"),
                    () -> { });
            creation.commit();
            return creation.row();
        });
        while (!postgres.psql(location.database(), "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'").strip().equals("1")) {
            assertThat(created).as("a second creation waits for the uncommitted row").isNotDone();
            Thread.sleep(10);
        }
        assertThat(created).isNotDone();
        return created;
    }

    @Test
    void anUncommittedClaimIsInvisibleElsewhereAndAnotherProcessWaitsThenSeesIt() throws Exception {
        try (RequestStore other = openAnother().orElseThrow()) {
            RowCreation creation = store.beginCreate(A, T0, claimed("w#1"), () -> { });
            assertThat(other.get(A)).isEmpty();
            assertThat(other.list(RequestState.PENDING)).isEmpty();
            CompletableFuture<BundleRequest> second = createWaiting(other);

            creation.commit();
            assertThat(second.get(1, TimeUnit.MINUTES)).as("it gets the claimed row").isEqualTo(creation.row());
            assertThat(other.get(A)).contains(creation.row());
        }
    }

    @Test
    void anAbortedClaimLeavesNoRowAndTheWaitingProcessCreatesItsOwn() throws Exception {
        try (RequestStore other = openAnother().orElseThrow()) {
            RowCreation creation = store.beginCreate(A, T0, claimed("w#1"), () -> { });
            CompletableFuture<BundleRequest> second = createWaiting(other);

            creation.abort();
            BundleRequest own = second.get(1, TimeUnit.MINUTES);
            assertThat(own.lease().orElseThrow().owner()).isEqualTo("other#1");
            assertThat(store.get(A)).contains(own);
        }
    }

    @Test
    void aClaimWhoseConnectionDiesBeforeItsCommitIsNotStoredAndSaysSo() {
        RowCreation creation = store.beginCreate(A, T0, claimed("w#1"), () -> { });
        postgres.psql(location.database(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'");

        assertThatThrownBy(creation::commit).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
        assertThat(store.get(A)).isEmpty();
        RowCreation again = store.beginCreate(A, T0, claimed("w#2"), () -> { });
        again.commit();
        assertThat(store.get(A)).contains(again.row());
    }
}
