package org.swhvault.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.cook.internal.Placeholders;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.source.EventuallyConsistent;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.cook.TestCooker;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;

class VaultRetryTest {
    @TempDir
    Path dir;
    VaultHarness h;
    Vault vault;

    @AfterEach
    void stop() {
        vault.close();
        h.close();
    }

    private Vault start(int storeFailures, List<BundleStatus> progress, List<BundleStatus> failed) {
        h = new VaultHarness(dir);
        return h.builder()
                .store(new FailingStore(h.store, storeFailures))
                .listener(new VaultListener() {
                    @Override
                    public void onProgress(BundleStatus status) {
                        progress.add(status);
                    }

                    @Override
                    public void onFailed(BundleStatus status, List<String> notifyEmails) {
                        failed.add(status);
                    }
                })
                .build();
    }

    @Test
    void aStoreFailureIsRetriedWithDoublingBackOffUntilItSucceeds() {
        List<BundleStatus> progress = new ArrayList<>();
        vault = start(2, progress, new ArrayList<>());
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        BundleStatus first = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(first.state()).isEqualTo(RequestState.NEW);
        assertThat(first.progressMessage())
                .contains("The bundle store failed; the cooking will be retried (attempt 2 of 3).");
        assertThat(first.failure()).contains(ErrorCode.STORE_FAILURE);
        assertThat(progress).extracting(BundleStatus::progressMessage).containsExactly(first.progressMessage());

        h.scheduler.advance(VaultHarness.BACKOFF.minusMillis(1));
        assertThat(h.executor.queued()).as("not before the back-off").isZero();
        h.scheduler.advance(Duration.ofMillis(1));
        h.executor.runAll();
        BundleStatus second = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(second.progressMessage())
                .contains("The bundle store failed; the cooking will be retried (attempt 3 of 3).");
        assertThat(second.attempts()).isEqualTo(2);

        h.scheduler.advance(VaultHarness.BACKOFF.multipliedBy(2).minusMillis(1));
        assertThat(h.executor.queued()).as("the second back-off is twice as long").isZero();
        h.scheduler.advance(Duration.ofMillis(1));
        h.executor.runAll();
        BundleStatus done = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(done.state()).isEqualTo(RequestState.DONE);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.failure()).isEmpty();
    }

    @Test
    void aStoreThatKeepsFailingFailsTheBundleAfterTheLastAttempt() {
        List<BundleStatus> failed = new ArrayList<>();
        vault = start(Integer.MAX_VALUE, new ArrayList<>(), failed);
        vault.cook(BundleType.FLAT, h.dir(0));
        for (int i = 0; i < 3; i++) {
            h.executor.runAll();
            h.scheduler.advance(Duration.ofMinutes(1));
        }

        BundleStatus status = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(status.state()).isEqualTo(RequestState.FAILED);
        assertThat(status.progressMessage())
                .contains("The bundle store failed on all 3 attempts; request the bundle again to retry.");
        assertThat(failed).hasSize(1);
        assertThat(h.executor.queued()).isZero();
    }

    @Test
    void anArchiveFailureIsRetriedToo() {
        vault = start(0, new ArrayList<>(), new ArrayList<>());
        h.cooker.script((swhid, out, context) -> {
            if (h.cooker.cooks() == 1) {
                throw new VaultException(ErrorCode.SOURCE_FAILURE, "connection reset");
            }
            out.write(TestCooker.bytes(swhid, 10));
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().progressMessage())
                .contains("Reading the archive failed; the cooking will be retried (attempt 2 of 3).");

        h.scheduler.advance(VaultHarness.BACKOFF);
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
    }

    @Test
    void aRequestWaitingForItsRetryIsRequeuedByTheNextRunAtTheRightTime() {
        h = new VaultHarness(dir);
        MemoryRequestStore requests = new MemoryRequestStore();
        vault = h.builder().store(new FailingStore(h.store, 1)).requestStore(requests).build();
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();
        Instant retryAt = requests.get(h.flat(0)).orElseThrow().retryAt().orElseThrow();
        vault.close();

        ManualExecutor executor = new ManualExecutor();
        ManualScheduler scheduler = new ManualScheduler(h.clock);
        vault = h.builder().executor(executor).scheduler(scheduler).requestStore(requests).build();
        assertThat(executor.queued()).isZero();
        scheduler.advance(Duration.between(h.clock.instant(), retryAt));
        executor.runAll();

        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
    }

    @Test
    void anObjectNotYetOnTheMirrorIsWaitedForBeyondTheAttemptsUntilTheHorizon() {
        h = new VaultHarness(dir);
        List<BundleStatus> failed = new ArrayList<>();
        vault = h.builder().availabilityHorizon(Duration.ofMinutes(1)).listener(new VaultListener() {
            @Override
            public void onFailed(BundleStatus status, List<String> notifyEmails) {
                failed.add(status);
            }
        }).build();
        String lost = "swh:1:dir:" + "d1".repeat(20) + " is not yet available on this mirror.";
        h.cooker.script((swhid, out, context) -> {
            throw new VaultException(ErrorCode.NOT_YET_AVAILABLE, lost);
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        // waits of 5, 10 and 20 s add up to 35 s; the next, 40 s, would pass the one-minute horizon
        for (Duration wait : List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20))) {
            h.executor.runAll();
            BundleStatus waiting = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
            assertThat(waiting.state()).isEqualTo(RequestState.NEW);
            assertThat(waiting.failure()).contains(ErrorCode.NOT_YET_AVAILABLE);
            assertThat(waiting.progressMessage()).contains(lost + " The cooking will be tried again in "
                    + wait.toSeconds() + " seconds.");
            h.scheduler.advance(wait.minusMillis(1));
            assertThat(h.executor.queued()).as("not before %s", wait).isZero();
            h.scheduler.advance(Duration.ofMillis(1));
        }
        h.executor.runAll();
        BundleStatus gaveUp = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(gaveUp.attempts()).as("more than maxAttempts (3)").isEqualTo(4);
        assertThat(gaveUp.state()).isEqualTo(RequestState.FAILED);
        assertThat(gaveUp.progressMessage()).contains(lost
                + " It was still missing after waiting 35 seconds; request the bundle again to retry.");
        assertThat(failed).hasSize(1);
    }

    @Test
    void anObjectThatArrivesWhileWaitedForIsCooked() {
        h = new VaultHarness(dir);
        vault = h.builder().build();
        h.cooker.script((swhid, out, context) -> {
            if (h.cooker.cooks() <= 4) {
                throw new VaultException(ErrorCode.NOT_YET_AVAILABLE, "swh:1:rev:" + "e1".repeat(20)
                        + " is not yet available on this mirror.");
            }
            out.write(TestCooker.bytes(swhid, 10));
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        for (int i = 0; i < 5; i++) {
            h.executor.runAll();
            h.scheduler.advance(Duration.ofHours(1));
        }
        BundleStatus done = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(done.state()).isEqualTo(RequestState.DONE);
        assertThat(done.attempts()).isEqualTo(5);
    }

    /**
     * The harness's archive as a mirror whose objstorage lacks the bytes of the first directory's README until
     * {@code arrived} is set: what the swh-postgresql and swh-storage RPC sources say of such a content.
     */
    private ObjectSource laggingMirror(AtomicBoolean arrived) {
        ObjectId readme = MemorySourceBuilder.blobId("file 0\n".getBytes(StandardCharsets.UTF_8));
        return new ForwardingObjectSource(h.source) {
            @Override
            public InputStream openContent(ObjectId sha1Git) {
                if (sha1Git.equals(readme) && !arrived.get()) {
                    throw new VaultException(ErrorCode.CONTENT_UNAVAILABLE, "The bytes of swh:1:cnt:" + readme.toHex()
                            + " are not in the objstorage (yet).");
                }
                return super.openContent(sha1Git);
            }

            @Override
            public <T> Optional<T> unwrap(Class<T> capability) {
                return capability == EventuallyConsistent.class
                        ? Optional.of(capability.cast(new EventuallyConsistent() {
                        })) : super.unwrap(capability);
            }
        };
    }

    private Vault onLaggingMirror(AtomicBoolean arrived) {
        return h.builder().source(laggingMirror(arrived)).availabilityHorizon(Duration.ofMinutes(1))
                .cookers(Cookers.of(List.of(Cookers.discover().forObject(BundleType.FLAT, ObjectType.DIRECTORY))))
                .build();
    }

    private String flatText(Swhid dir) throws IOException {
        return new String(new GZIPInputStream(new ByteArrayInputStream(h.read(vault, dir))).readAllBytes(),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void aContentWhoseBytesHaveNotReachedTheMirrorIsWaitedForAndCookedExactlyWhenTheyArrive() throws IOException {
        h = new VaultHarness(dir);
        AtomicBoolean arrived = new AtomicBoolean();
        vault = onLaggingMirror(arrived);
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();
        BundleStatus waiting = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(waiting.state()).isEqualTo(RequestState.NEW);
        assertThat(waiting.failure()).contains(ErrorCode.NOT_YET_AVAILABLE);
        assertThat(waiting.progressMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("The bytes of swh:1:cnt:")
                .endsWith(" are not yet available on this mirror. The cooking will be tried again in 5 seconds."));

        arrived.set(true);
        h.scheduler.advance(Duration.ofSeconds(5));
        h.executor.runAll();
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(flatText(h.dir(0))).contains("file 0\n").doesNotContain(Placeholders.ABSENT);
    }

    @Test
    void theLastAttemptTheHorizonLeavesTakesTheReferencesPlaceholderForBytesThatNeverArrived() throws IOException {
        h = new VaultHarness(dir);
        vault = onLaggingMirror(new AtomicBoolean());
        vault.cook(BundleType.FLAT, h.dir(0));
        // waits of 5, 10 and 20 s add up to 35 s; the fourth attempt may not wait 40 s more within one minute
        for (Duration wait : List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20))) {
            h.executor.runAll();
            assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.NEW);
            h.scheduler.advance(wait);
        }
        h.executor.runAll();
        BundleStatus done = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(done.state()).isEqualTo(RequestState.DONE);
        assertThat(done.attempts()).isEqualTo(4);
        assertThat(flatText(h.dir(0))).contains(Placeholders.ABSENT).doesNotContain("file 0\n");
    }

    @Test
    void aZeroHorizonTakesThePlaceholderAtOnceAsTheReferenceDoes() throws IOException {
        h = new VaultHarness(dir);
        vault = h.builder().source(laggingMirror(new AtomicBoolean())).availabilityHorizon(Duration.ZERO)
                .cookers(Cookers.of(List.of(Cookers.discover().forObject(BundleType.FLAT, ObjectType.DIRECTORY))))
                .build();
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();
        BundleStatus done = vault.status(BundleType.FLAT, h.dir(0)).orElseThrow();
        assertThat(done.state()).isEqualTo(RequestState.DONE);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(flatText(h.dir(0))).contains(Placeholders.ABSENT);
    }
}
