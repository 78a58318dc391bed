package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** The transitions of one request row, each a guarded compare-and-set on a real request store. */
class RequestLifecycleTest {
    @TempDir
    Path dir;
    VaultHarness h;
    MemoryRequestStore store = new MemoryRequestStore();
    RequestLifecycle lifecycle;

    @BeforeEach
    void start() {
        h = new VaultHarness(dir, 1);
        lifecycle = new RequestLifecycle(h.builder().requestStore(store).settings(), new Listeners(List.of()),
                new Completions());
        store.createIfAbsent(h.flat(0), VaultHarness.START);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private BundleRequest row() {
        return store.get(h.flat(0)).orElseThrow();
    }

    private BundleRequest claimed(String owner) {
        return lifecycle.claim(h.flat(0), owner).claimed().orElseThrow();
    }

    @Test
    void aClaimLeasesANewRequestToOneWorkerAndCountsTheAttempt() {
        BundleRequest claimed = claimed("w#1");

        assertThat(claimed.state()).isEqualTo(RequestState.PENDING);
        assertThat(claimed.lease()).contains(new Lease("w#1", VaultHarness.START.plus(VaultHarness.LEASE)));
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.progressMessage()).contains("Processing...");
        assertThat(lifecycle.claim(h.flat(0), "w#2").claimed()).isEmpty();
    }

    @Test
    void aRequestWaitingForItsRetryIsClaimedOnlyOnceItsTimeHasCome() {
        BundleRequest failed = lifecycle.finish(claimed("w#1"), "w#1",
                new Outcome.Failed(ErrorCode.STORE_FAILURE, "The bundle store failed", true), Duration.ZERO).orElseThrow();
        assertThat(failed.retryAt()).contains(VaultHarness.START.plus(VaultHarness.BACKOFF));

        assertThat(lifecycle.claim(h.flat(0), "w#2").notBefore()).isEqualTo(failed.retryAt());
        h.clock.advance(VaultHarness.BACKOFF);
        assertThat(claimed("w#2").attempts()).isEqualTo(2);
    }

    @Test
    void onlyTheWorkerHoldingTheLeaseEndsTheAttempt() {
        BundleRequest claimed = claimed("w#1");
        BundleInfo info = new BundleInfo(h.flat(0), 1, Optional.empty(), VaultHarness.START);

        assertThat(lifecycle.finish(claimed, "w#2", new Outcome.Done(info), Duration.ZERO)).isEmpty();
        assertThat(row().state()).isEqualTo(RequestState.PENDING);
        assertThat(lifecycle.finish(claimed, "w#1", new Outcome.Done(info), Duration.ZERO).orElseThrow().state())
                .isEqualTo(RequestState.DONE);
    }

    @Test
    void theOutcomeOfAnAttemptDecidesTheNextState() {
        assertThat(lifecycle.finish(claimed("w#1"), "w#1", new Outcome.HandedBack(), Duration.ZERO).orElseThrow())
                .satisfies(r -> assertThat(r.state()).isEqualTo(RequestState.NEW))
                .satisfies(r -> assertThat(r.attempts()).as("a handed back attempt does not count").isZero());
        BundleRequest abandoned = claimed("w#1");
        assertThat(lifecycle.finish(abandoned, "w#1", new Outcome.Abandoned(), Duration.ZERO)).isEmpty();
        assertThat(row()).isEqualTo(abandoned);
        assertThat(lifecycle.finish(abandoned, "w#1",
                new Outcome.Failed(ErrorCode.BUNDLE_TOO_LARGE, "Too large.", false), Duration.ZERO).orElseThrow())
                .satisfies(r -> assertThat(r.state()).isEqualTo(RequestState.FAILED))
                .satisfies(r -> assertThat(r.progressMessage()).contains("Too large."))
                .satisfies(r -> assertThat(r.failure()).contains(ErrorCode.BUNDLE_TOO_LARGE));
    }

    @Test
    void aRetryableFailureFailsForGoodOnTheLastAttempt() {
        Outcome.Failed storeFailed = new Outcome.Failed(ErrorCode.STORE_FAILURE, "The bundle store failed", true);
        for (int attempt = 1; attempt < 3; attempt++) {
            lifecycle.finish(claimed("w#1"), "w#1", storeFailed, Duration.ZERO);
            h.clock.advance(Duration.ofHours(1));
        }
        BundleRequest last = lifecycle.finish(claimed("w#1"), "w#1", storeFailed, Duration.ZERO).orElseThrow();

        assertThat(last.state()).isEqualTo(RequestState.FAILED);
        assertThat(last.progressMessage())
                .contains("The bundle store failed on all 3 attempts; request the bundle again to retry.");
    }

    @Test
    void aTakeOverAppliesOnlyToTheLeaseAsRead() {
        BundleRequest claimed = claimed("w#1");
        h.clock.advance(Duration.ofSeconds(1));
        BundleRequest renewed = lifecycle.renew(claimed, "w#1", Optional.of("Half done")).orElseThrow();

        assertThat(lifecycle.takeOver(claimed)).as("the worker renewed its lease meanwhile").isEmpty();
        BundleRequest takenOver = lifecycle.takeOver(renewed).orElseThrow();
        assertThat(takenOver.state()).isEqualTo(RequestState.NEW);
        assertThat(takenOver.retryAt()).as("retried at once").isEmpty();
        assertThat(lifecycle.renew(renewed, "w#1", Optional.empty())).as("the lease is lost").isEmpty();
    }

    @Test
    void aRestartAppliesOnlyToTheRowAsRead() {
        BundleRequest failed = lifecycle.finish(claimed("w#1"), "w#1",
                new Outcome.Failed(ErrorCode.INTERNAL_ERROR, Failures.INTERNAL, false), Duration.ZERO).orElseThrow();
        lifecycle.setSticky(row(), true);

        assertThat(lifecycle.restart(failed, Optional.of("a@example.org"))).as("it changed meanwhile").isEmpty();
        BundleRequest restarted = lifecycle.restart(row(), Optional.of("a@example.org")).orElseThrow();
        assertThat(restarted.state()).isEqualTo(RequestState.NEW);
        assertThat(restarted.attempts()).isZero();
        assertThat(restarted.failure()).isEmpty();
        assertThat(restarted.notifyEmails()).containsExactly("a@example.org");
    }
}
