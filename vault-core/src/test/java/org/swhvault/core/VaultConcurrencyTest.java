package org.swhvault.core;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** Real threads, a real clock and scheduler, the filesystem store and the journal. */
class VaultConcurrencyTest {
    private static final int SIZE = 256 * 1024;

    @TempDir
    Path dir;

    /** Writes the bundle in small pieces, yielding between them, so that readers race the writer. */
    private static TestCooker.Script slowly() {
        return (swhid, out, context) -> {
            byte[] bytes = TestCooker.bytes(swhid, SIZE);
            for (int off = 0; off < bytes.length; off += 4096) {
                out.write(bytes, off, Math.min(4096, bytes.length - off));
                context.progress("Writing", off, bytes.length);
                Thread.yield();
            }
        };
    }

    private Vault start(VaultHarness h, JournalRequestStore requests) {
        h.cooker.script(slowly());
        return Vault.builder()
                .source(h.source)
                .store(h.store)
                .cookers(org.swhvault.core.cook.Cookers.of(List.of(h.cooker)))
                .requestStore(requests)
                .maxConcurrentCooks(4)
                .clock(Clock.systemUTC())
                .build();
    }

    /** Reads a bundle if it is there; a bundle that is there must be whole. */
    private static boolean readWholeIfDone(Vault vault, Swhid swhid, AtomicInteger partialReads) throws Exception {
        try (OpenBundle bundle = vault.open(BundleType.FLAT, swhid); InputStream in = bundle.stream()) {
            byte[] read = in.readAllBytes();
            if (!java.util.Arrays.equals(read, TestCooker.bytes(swhid, SIZE))) {
                partialReads.incrementAndGet();
            }
            return true;
        } catch (VaultException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
            return false;
        }
    }

    @Test
    void twoHundredThreadsRequestingTheSameBundleCookItExactlyOnce() throws Exception {
        try (VaultHarness h = new VaultHarness(dir, 1);
                JournalRequestStore requests = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = start(h, requests)) {
            Swhid swhid = h.dir(0);
            ExecutorService clients = Executors.newFixedThreadPool(200);
            CountDownLatch go = new CountDownLatch(1);
            Set<Long> ids = ConcurrentHashMap.newKeySet();
            AtomicInteger partialReads = new AtomicInteger();
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean poller = i % 20 == 0;
                calls.add(clients.submit(() -> {
                    go.await();
                    ids.add(vault.cook(BundleType.FLAT, swhid, Optional.of("user@example.org")).id());
                    // A few clients keep trying to read while the bundle is written; the others wait.
                    while (!readWholeIfDone(vault, swhid, partialReads)) {
                        vault.awaitCompletion(BundleType.FLAT, swhid, poller ? Duration.ofMillis(2) : Duration.ofMinutes(1));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get(2, TimeUnit.MINUTES);
            }
            clients.shutdown();

            assertThat(h.cooker.cooks()).isEqualTo(1);
            assertThat(ids).hasSize(1);
            assertThat(partialReads).hasValue(0);
            BundleStatus done = vault.status(BundleType.FLAT, swhid).orElseThrow();
            assertThat(done.state()).isEqualTo(RequestState.DONE);
            assertThat(done.attempts()).isEqualTo(1);
        }
    }

    @Test
    void mixedLoadOverManyBundlesCooksEachOnceAndServesOnlyWholeBundles() throws Exception {
        int bundles = 30;
        try (VaultHarness h = new VaultHarness(dir, bundles);
                JournalRequestStore requests = JournalRequestStore.open(dir.resolve("requests"));
                Vault vault = start(h, requests)) {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            AtomicInteger partialReads = new AtomicInteger();
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                calls.add(clients.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int op = 0; op < 300; op++) {
                        Swhid swhid = h.dir(random.nextInt(bundles));
                        switch (random.nextInt(3)) {
                            case 0 -> vault.cook(BundleType.FLAT, swhid);
                            case 1 -> vault.status(BundleType.FLAT, swhid);
                            default -> readWholeIfDone(vault, swhid, partialReads);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(2, TimeUnit.MINUTES);
            }
            clients.shutdown();
            for (int i = 0; i < bundles; i++) {
                vault.cook(BundleType.FLAT, h.dir(i));
            }
            for (int i = 0; i < bundles; i++) {
                assertThat(vault.awaitCompletion(BundleType.FLAT, h.dir(i), Duration.ofMinutes(1)).state())
                        .isEqualTo(RequestState.DONE);
                assertThat(readWholeIfDone(vault, h.dir(i), partialReads)).isTrue();
            }

            assertThat(h.cooker.cooks()).isEqualTo(bundles);
            assertThat(partialReads).hasValue(0);
        }
    }
}
