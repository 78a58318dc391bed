package org.swhvault.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleWriter;

import static org.assertj.core.api.Assertions.assertThat;

class FsBundleStoreConcurrencyTest {
    @TempDir
    Path root;

    private FsBundleStore store;
    private ExecutorService executor;

    @BeforeEach
    void open() throws IOException {
        store = FsBundleStore.open(root);
        executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        store.close();
    }

    @Test
    void concurrentWritersOfOneKeyLeaveExactlyOneWritersBundle() throws Exception {
        BundleKey key = Patterns.key(1);
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        CyclicBarrier commit = new CyclicBarrier(writers);
        List<Future<BundleInfo>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            long seed = 100 + i;
            long size = 300_000 + 1_000 * i;
            results.add(executor.submit(() -> {
                try (BundleWriter writer = store.create(key)) {
                    start.await();
                    Patterns.write(writer.stream(), seed, size);
                    commit.await();
                    return writer.commit();
                }
            }));
        }
        Set<String> committed = new HashSet<>();
        for (Future<BundleInfo> result : results) {
            committed.add(result.get(60, TimeUnit.SECONDS).sha256().orElseThrow());
        }
        assertThat(committed).hasSize(writers);

        BundleInfo info = store.stat(key).orElseThrow();
        int winner = (int) ((info.size() - 300_000) / 1_000);
        assertThat(winner).isBetween(0, writers - 1);
        assertThat(info.sha256()).contains(Patterns.sha256Hex(100 + winner, info.size()));
        try (InputStream in = store.open(key)) {
            assertThat(Patterns.firstMismatch(in, 100 + winner, 0, info.size())).isEqualTo(-1);
        }
        assertThat(store.verify(key)).isTrue();
        try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
            assertThat(tmp).allMatch(p -> p.toString().endsWith(".lock"));
        }
    }

    @Test
    void readersDuringReplacesSeeOneCompleteBundleOrTheOther() throws Exception {
        BundleKey key = Patterns.key(1);
        long sizeA = 200_000;
        long sizeB = 333_333;
        Set<String> versions = Set.of(Patterns.sha256Hex(1, sizeA), Patterns.sha256Hex(2, sizeB));
        put(key, 1, sizeA);
        AtomicBoolean stop = new AtomicBoolean();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger reads = new AtomicInteger();

        Future<Integer> replacer = executor.submit(() -> {
            int replaces = 0;
            while (!stop.get()) {
                boolean b = replaces++ % 2 == 0;
                put(key, b ? 2 : 1, b ? sizeB : sizeA);
            }
            return replaces;
        });
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(executor.submit(() -> {
                while (!stop.get()) {
                    try (InputStream in = store.open(key)) {
                        seen.add(Patterns.sha256Hex(in));
                    }
                    seen.add(store.stat(key).orElseThrow().sha256().orElseThrow());
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((seen.size() < 2 || reads.get() < 100) && System.nanoTime() < deadline
                && readers.stream().noneMatch(Future::isDone) && !replacer.isDone()) {
            Thread.sleep(10);
        }
        stop.set(true);

        assertThat(replacer.get(30, TimeUnit.SECONDS)).isPositive();
        for (Future<?> reader : readers) {
            reader.get(30, TimeUnit.SECONDS);
        }
        assertThat(seen).as("every read saw version A or B, and both were seen").isEqualTo(versions);
    }

    @Test
    void anOpenStreamKeepsReadingItsBundleAfterDeleteAndReplace() throws IOException {
        BundleKey key = Patterns.key(1);
        put(key, 1, 100_000);

        try (InputStream in = store.open(key, 10, 90_000); InputStream whole = store.open(key)) {
            byte[] head = in.readNBytes(1000);
            store.delete(key);
            put(key, 2, 50);
            byte[] rest = in.readAllBytes();
            assertThat(head.length + rest.length).isEqualTo(90_000);
            assertThat(head[0]).isEqualTo(Patterns.at(1, 10));
            assertThat(rest[rest.length - 1]).isEqualTo(Patterns.at(1, 90_009));
            store.delete(key);
            assertThat(Patterns.firstMismatch(whole, 1, 0, 100_000)).isEqualTo(-1);
        }
    }

    private void put(BundleKey key, long seed, long size) throws IOException {
        try (BundleWriter writer = store.create(key)) {
            Patterns.write(writer.stream(), seed, size);
            writer.commit();
        }
    }
}
