package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.testing.request.ForwardingRequestStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat renewing the lease of a cook whose worker is recording how it ended: the worker's own final
 * write makes the heartbeat's compare-and-set fail, which is no lost lease. The store hook puts the heartbeat
 * exactly there; the log (slf4j-simple writes WARN to {@code System.err}) and the listener tell what happened.
 */
class VaultLeaseRaceTest {
    private static final String LOST = "the lease was lost";

    @TempDir
    Path dir;
    VaultHarness h;
    Hooked requests = new Hooked(new MemoryRequestStore());
    List<CookAttempt> attempts = new CopyOnWriteArrayList<>();
    Vault vault;

    /** A memory store that runs a hook right after the write ending an attempt, or holds a chosen thread's writes. */
    private static final class Hooked extends ForwardingRequestStore {
        volatile Runnable afterFinalWrite;
        volatile Thread held;
        final CountDownLatch heldAtWrite = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Hooked(RequestStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<BundleRequest> compareAndSet(BundleRequest expected, BundleRequest updated) {
            if (Thread.currentThread() == held) {
                heldAtWrite.countDown();
                await(release);
            }
            Optional<BundleRequest> stored = super.compareAndSet(expected, updated);
            Runnable hook = afterFinalWrite;
            if (stored.isPresent() && expected.state() == RequestState.PENDING
                    && updated.state() != RequestState.PENDING && hook != null) {
                afterFinalWrite = null;
                hook.run();
            }
            return stored;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other thread got there").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void harness() {
        h = new VaultHarness(dir);
        vault = h.builder().requestStore(requests).listener(new VaultListener() {
            @Override
            public void onAttemptEnded(CookAttempt attempt) {
                attempts.add(attempt);
            }
        }).build();
    }

    @AfterEach
    void stop() {
        vault.close();
        h.close();
    }

    /** Runs the queued cooks, returning what was logged meanwhile at WARN and above. */
    private String cookLogging() {
        return VaultHarness.logDuring(h.executor::runAll);
    }

    /** The heartbeat comes after the worker recorded the bundle done, while its job still runs. */
    private void heartbeatRightAfterTheFinalWrite() {
        requests.afterFinalWrite = () -> {
            assertThat(vault.runningCooks()).as("the heartbeat sees the job").isEqualTo(1);
            h.scheduler.advance(VaultHarness.LEASE);
        };
    }

    @Test
    void aHeartbeatAfterTheWorkerRecordedTheBundleDoneDoesNotCallTheLeaseLost() throws Exception {
        heartbeatRightAfterTheFinalWrite();
        vault.cook(BundleType.FLAT, h.dir(0));

        String logged = cookLogging();

        assertThat(requests.afterFinalWrite).as("the hook ran").isNull();
        assertThat(attempts).extracting(CookAttempt::outcome).containsExactly(CookAttempt.Outcome.DONE);
        assertThat(requests.get(h.flat(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(h.store.stat(h.flat(0)).orElseThrow().size()).isEqualTo(1000);
        assertThat(logged).as("no lost lease reported").doesNotContain(LOST);
    }

    @Test
    void aHeartbeatAfterTheWorkerRecordedAFailureDoesNotCallTheLeaseLost() throws Exception {
        h.cooker.script((swhid, out, context) -> {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, "Content " + swhid + " is missing");
        });
        heartbeatRightAfterTheFinalWrite();
        vault.cook(BundleType.FLAT, h.dir(0));

        String logged = cookLogging();

        assertThat(requests.afterFinalWrite).as("the hook ran").isNull();
        assertThat(attempts).extracting(CookAttempt::outcome).containsExactly(CookAttempt.Outcome.FAILED);
        assertThat(requests.get(h.flat(0)).orElseThrow().state()).isEqualTo(RequestState.FAILED);
        assertThat(logged).as("no lost lease reported").doesNotContain(LOST);
    }

    /**
     * The heartbeat reads the row and starts its compare-and-set while the cooker still runs; the store holds
     * that write until the worker has recorded the bundle done, so the heartbeat's write fails against it.
     */
    @Test
    void aHeartbeatWhoseRenewalLosesToTheWorkersFinalWriteDoesNotCallTheLeaseLost() throws Exception {
        AtomicReference<Thread> heartbeat = new AtomicReference<>();
        h.cooker.script((swhid, out, context) -> {
            Thread t = new Thread(() -> h.scheduler.advance(VaultHarness.LEASE.dividedBy(3)), "heartbeat");
            requests.held = t;
            heartbeat.set(t);
            t.start();
            await(requests.heldAtWrite);
            out.write(new byte[10]);
        });
        requests.afterFinalWrite = () -> {
            requests.release.countDown();
            try {
                heartbeat.get().join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertThat(heartbeat.get().isAlive()).as("the heartbeat ended").isFalse();
        };
        vault.cook(BundleType.FLAT, h.dir(0));

        String logged = cookLogging();

        assertThat(requests.afterFinalWrite).as("the hook ran").isNull();
        assertThat(attempts).extracting(CookAttempt::outcome).containsExactly(CookAttempt.Outcome.DONE);
        assertThat(requests.get(h.flat(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(h.store.stat(h.flat(0)).orElseThrow().size()).isEqualTo(10);
        assertThat(logged).as("no lost lease reported").doesNotContain(LOST);
    }

    @Test
    void aHeartbeatStillReportsARealTakeOverAndTheCookStops() throws Exception {
        h.cooker.script((swhid, out, context) -> {
            BundleRequest mine = requests.get(h.flat(0)).orElseThrow();
            requests.compareAndSet(mine, mine.toBuilder()
                    .lease(Optional.of(new Lease("thief#1", h.clock.instant().plus(VaultHarness.LEASE)))).build());
            h.scheduler.advance(VaultHarness.LEASE.dividedBy(3));
            assertThat(context.isCancelled()).as("the heartbeat stopped the cook").isTrue();
            out.write(new byte[10]);
        });
        vault.cook(BundleType.FLAT, h.dir(0));

        String logged = cookLogging();

        assertThat(logged.lines().filter(l -> l.contains(LOST))).singleElement().asString()
                .contains(" WARN ").contains("another worker took the request over");
        assertThat(attempts).extracting(CookAttempt::outcome).containsExactly(CookAttempt.Outcome.ABANDONED);
        BundleRequest row = requests.get(h.flat(0)).orElseThrow();
        assertThat(row.state()).isEqualTo(RequestState.PENDING);
        assertThat(row.lease().orElseThrow().owner()).isEqualTo("thief#1");
        assertThat(h.store.stat(h.flat(0))).as("the loser does not publish").isEmpty();
    }
}
