package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.testing.cook.TestCooker;
import org.swhvault.testing.request.ForwardingRequestStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A vault with room cooks a new request while the store commits its claim (the journal's fsync), and publishes
 * the bundle only once the commit succeeded: a claim that cannot be committed publishes nothing.
 */
class VaultClaimCommitTest {
    @TempDir
    Path dir;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final CountDownLatch cookStarted = new CountDownLatch(1);
    private final List<CookAttempt> attempts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    /**
     * The journal, whose commits of new rows fail {@code failures} times, each only once the cook of the row
     * started: the disk refuses the fsync.
     */
    private final class FailingCommits extends ForwardingRequestStore {
        private final AtomicInteger failuresLeft;
        private final AtomicInteger commits = new AtomicInteger();

        FailingCommits(RequestStore journal, int failures) {
            super(journal);
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public RowCreation beginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
                Runnable beforeCreating) {
            RowCreation creation = super.beginCreate(key, now, initial, beforeCreating);
            return new RowCreation() {
                @Override
                public BundleRequest row() {
                    return creation.row();
                }

                @Override
                public void commit() {
                    commits.incrementAndGet();
                    if (failuresLeft.getAndDecrement() > 0) {
                        await(cookStarted);
                        creation.abort();
                        throw new VaultException(ErrorCode.STORE_FAILURE, "fsync: Input/output error");
                    }
                    creation.commit();
                }

                @Override
                public void abort() {
                    creation.abort();
                }
            };
        }
    }

    private Vault vault(VaultHarness h, RequestStore requests) {
        h.cooker.script((swhid, out, context) -> {
            cookStarted.countDown();
            out.write(TestCooker.bytes(swhid, 1000));
        });
        return h.builder().requestStore(requests).executor(workers).listener(new VaultListener() {
            @Override
            public void onAttemptEnded(CookAttempt attempt) {
                attempts.add(attempt);
            }
        }).build();
    }

    @Test
    void aClaimThatCannotBeCommittedAfterItsCookStartedPublishesNothingAndTheCallerIsTold() throws Exception {
        try (VaultHarness h = new VaultHarness(dir);
                JournalRequestStore journal = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = vault(h, new FailingCommits(journal, Integer.MAX_VALUE))) {
            assertThatThrownBy(() -> vault.cook(BundleType.FLAT, h.dir(0)))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE));
            workers.shutdown();
            assertThat(workers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

            assertThat(h.cooker.cooks()).as("the cook ran while the claim was committing").isPositive();
            assertThat(h.store.stat(h.flat(0))).as("nothing published").isEmpty();
            assertThat(journal.get(h.flat(0))).as("nothing recorded").isEmpty();
            assertThat(attempts).isNotEmpty().allSatisfy(a ->
                    assertThat(a.outcome()).isEqualTo(CookAttempt.Outcome.ABANDONED));
        }
        try (JournalRequestStore reopened = JournalRequestStore.open(dir.resolve("requests"))) {
            assertThat(reopened.list(RequestState.PENDING)).as("no claim comes back").isEmpty();
        }
    }

    @Test
    void aClaimWhoseCommitFailsOnceIsMadeAgainAndItsBundlePublishedOnce() throws Exception {
        try (VaultHarness h = new VaultHarness(dir);
                JournalRequestStore journal = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = vault(h, new FailingCommits(journal, 1))) {
            BundleStatus status = vault.cook(BundleType.FLAT, h.dir(0));
            assertThat(status.state()).isEqualTo(RequestState.PENDING);

            BundleStatus done = vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ofMinutes(1));
            assertThat(done.state()).isEqualTo(RequestState.DONE);
            assertThat(done.id()).isEqualTo(status.id());
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(h.read(vault, h.dir(0))).isEqualTo(TestCooker.bytes(h.dir(0), 1000));
            workers.shutdown();
            assertThat(workers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            assertThat(attempts).extracting(CookAttempt::outcome)
                    .containsExactlyInAnyOrder(CookAttempt.Outcome.ABANDONED, CookAttempt.Outcome.DONE);
        }
    }

    @Test
    void aCookOnTheCallersThreadCommitsItsClaimBeforePublishing() throws Exception {
        try (VaultHarness h = new VaultHarness(dir);
                JournalRequestStore journal = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = h.builder().requestStore(journal).executor(Runnable::run).build()) {
            vault.cook(BundleType.FLAT, h.dir(0));

            assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
            assertThat(h.cooker.cooks()).isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
