package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

class VaultLeaseTest {
    @TempDir
    Path dir;
    VaultHarness h;
    MemoryRequestStore requests = new MemoryRequestStore();
    Vault vault;

    @BeforeEach
    void harness() {
        h = new VaultHarness(dir);
    }

    @AfterEach
    void stop() {
        if (vault != null) {
            vault.close();
        }
        h.close();
    }

    /** Records a request as a worker of another vault would, pending under its lease. */
    private BundleRequest pendingElsewhere(RequestStore store, int attempts, Instant leaseExpires, String email) {
        BundleRequest row = store.createIfAbsent(h.flat(0), VaultHarness.START);
        return store.compareAndSet(row, row.toBuilder()
                .state(RequestState.PENDING)
                .attempts(attempts)
                .lease(Optional.of(new Lease("elsewhere#7", leaseExpires)))
                .progressMessage(Optional.of("Processing..."))
                .addNotifyEmail(email)
                .build()).orElseThrow();
    }

    @Test
    void theWorkerRenewsItsLeaseSoALongCookIsNeverTakenOver() {
        List<Instant> leaseExpiries = new ArrayList<>();
        h.cooker.script((swhid, out, context) -> {
            for (int i = 0; i < 20; i++) {
                h.scheduler.advance(Duration.ofSeconds(10));
                BundleRequest row = requests.get(h.flat(0)).orElseThrow();
                assertThat(row.state()).isEqualTo(RequestState.PENDING);
                assertThat(row.lease().orElseThrow().isExpired(h.clock.instant())).isFalse();
                leaseExpiries.add(row.lease().orElseThrow().expires());
            }
            out.write(1);
        });
        vault = h.builder().requestStore(requests).build();
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        assertThat(new java.util.TreeSet<>(leaseExpiries)).as("renewed as time went by").hasSizeGreaterThan(5);
        assertThat(h.cooker.cooks()).isEqualTo(1);
        BundleStatus done = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(done.state()).isEqualTo(RequestState.DONE);
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void aRequestWhoseWorkerDiedIsTakenOverWhenItsLeaseRunsOut() {
        pendingElsewhere(requests, 1, VaultHarness.START.plus(VaultHarness.LEASE), "a@example.org");
        vault = h.builder().requestStore(requests).build();
        assertThat(h.executor.queued()).as("the lease still runs").isZero();

        h.scheduler.advance(VaultHarness.LEASE.minusSeconds(1));
        assertThat(requests.get(h.flat(0)).orElseThrow().state()).isEqualTo(RequestState.PENDING);
        h.scheduler.advance(VaultHarness.LEASE);
        BundleStatus takenOver = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(takenOver.state()).isEqualTo(RequestState.NEW);
        assertThat(takenOver.progressMessage())
                .contains("The worker cooking the bundle stopped; the cooking will be retried (attempt 2 of 3).");

        h.executor.runAll();
        BundleStatus done = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(done.state()).isEqualTo(RequestState.DONE);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void everyAttemptIsReportedWithItsOutcomeTheTakeOverFirst() {
        List<CookAttempt> attempts = new ArrayList<>();
        pendingElsewhere(requests, 1, VaultHarness.START.plusSeconds(1), "a@example.org");
        vault = h.builder().requestStore(requests).listener(new VaultListener() {
            @Override
            public void onAttemptEnded(CookAttempt attempt) {
                attempts.add(attempt);
            }
        }).build();
        h.scheduler.advance(VaultHarness.LEASE);
        h.executor.runAll();

        assertThat(attempts).extracting(CookAttempt::outcome)
                .containsExactly(CookAttempt.Outcome.TAKEN_OVER, CookAttempt.Outcome.DONE);
        assertThat(attempts.get(0).failure()).contains(org.swhvault.spi.ErrorCode.CANCELLED);
        assertThat(attempts.get(1).bytes()).isEqualTo(1000);
        assertThat(attempts.get(1).key()).isEqualTo(h.flat(0));
    }

    @Test
    void aTakeOverIsAnnouncedToTheListenersAsARetryLikeAnyFailedAttempt() {
        List<String> progress = new ArrayList<>();
        pendingElsewhere(requests, 1, VaultHarness.START.plusSeconds(1), "a@example.org");
        vault = h.builder().requestStore(requests).listener(new VaultListener() {
            @Override
            public void onProgress(BundleStatus status) {
                progress.add(status.progressMessage().orElseThrow());
            }
        }).build();
        h.scheduler.advance(VaultHarness.LEASE);

        assertThat(progress).containsExactly(
                "The worker cooking the bundle stopped; the cooking will be retried (attempt 2 of 3).");
    }

    @Test
    void aBundleWhoseWorkersKeepDyingFailsForGoodAndTellsWhoAsked() {
        List<List<String>> told = new ArrayList<>();
        pendingElsewhere(requests, 3, VaultHarness.START.plusSeconds(1), "a@example.org");
        vault = h.builder().requestStore(requests).listener(new VaultListener() {
            @Override
            public void onFailed(BundleStatus status, List<String> notifyEmails) {
                told.add(notifyEmails);
            }
        }).build();
        h.scheduler.advance(VaultHarness.LEASE);

        BundleStatus failed = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(failed.state()).isEqualTo(RequestState.FAILED);
        assertThat(failed.progressMessage()).contains(
                "The worker cooking the bundle stopped on all 3 attempts; request the bundle again to retry.");
        assertThat(failed.failure()).contains(ErrorCode.CANCELLED);
        assertThat(told).containsExactly(List.of("a@example.org"));
        assertThat(h.executor.queued()).isZero();
    }

    @Test
    void requestingABundleWhoseLeaseRanOutTakesItOverAtOnce() {
        pendingElsewhere(requests, 1, VaultHarness.START.plusSeconds(1), "a@example.org");
        vault = h.builder().requestStore(requests).build();
        h.clock.advance(Duration.ofSeconds(2));

        BundleStatus status = vault.cook(BundleType.FLAT, h.dir(0));
        assertThat(status.state()).isEqualTo(RequestState.NEW);
        assertThat(h.executor.runAll()).isEqualTo(1);
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
    }

    @Test
    void onAnExclusiveStoreEveryPendingRequestOfAPreviousRunIsTakenOverAtStart() {
        try (JournalRequestStore journal = JournalRequestStore.open(dir.resolve("requests"))) {
            pendingElsewhere(journal, 1, VaultHarness.START.plus(Duration.ofHours(1)), "a@example.org");
            vault = h.builder().requestStore(journal).build();
            assertThat(h.executor.queued()).isEqualTo(1);
            h.executor.runAll();
            assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
            vault.close();
        }
    }

    @Test
    void aCookThatLostItsLeaseStopsAndLeavesTheRequestToItsNewOwner() throws Exception {
        h.cooker.script((swhid, out, context) -> {
            BundleRequest mine = requests.get(h.flat(0)).orElseThrow();
            requests.compareAndSet(mine, mine.toBuilder()
                    .lease(Optional.of(new Lease("thief#1", h.clock.instant().plus(VaultHarness.LEASE)))).build());
            out.write(new byte[10]);
            h.clock.advance(Duration.ofSeconds(2));
            context.progress("Writing", 1, 2);
            assertThat(context.isCancelled()).isTrue();
        });
        vault = h.builder().requestStore(requests).build();
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        BundleRequest row = requests.get(h.flat(0)).orElseThrow();
        assertThat(row.state()).isEqualTo(RequestState.PENDING);
        assertThat(row.lease().orElseThrow().owner()).isEqualTo("thief#1");
        assertThat(h.store.stat(h.flat(0))).as("the loser does not publish").isEmpty();
    }

    @Test
    void closingHandsARunningCookBackWithoutCountingTheAttempt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        h.cooker.script((swhid, out, context) -> {
            out.write(new byte[10]);
            started.countDown();
            while (!context.isCancelled()) {
                Thread.onSpinWait();
            }
            context.checkCancelled();
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            vault = h.builder().requestStore(requests).executor(pool).build();
            vault.cook(BundleType.FLAT, h.dir(0));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            vault.close();
        } finally {
            pool.shutdown();
        }

        BundleRequest row = requests.get(h.flat(0)).orElseThrow();
        assertThat(row.state()).isEqualTo(RequestState.NEW);
        assertThat(row.attempts()).isZero();
        assertThat(row.lease()).isEmpty();
        assertThat(h.store.stat(h.flat(0))).isEmpty();
    }

    @Test
    void closingLetsARunningCookFinishWithinTheGracePeriod() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        h.cooker.script((swhid, out, context) -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            out.write(TestCooker.bytes(swhid, 100));
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            vault = h.builder().requestStore(requests).executor(pool).shutdownGracePeriod(Duration.ofMinutes(1)).build();
            vault.cook(BundleType.FLAT, h.dir(0));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            Thread closer = new Thread(vault::close);
            closer.start();
            release.countDown();
            closer.join();
        } finally {
            pool.shutdown();
        }

        assertThat(requests.get(h.flat(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(h.store.stat(h.flat(0)).orElseThrow().size()).isEqualTo(100);
    }
}
