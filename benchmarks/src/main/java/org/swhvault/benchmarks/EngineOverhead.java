package org.swhvault.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.swhvault.core.BundleStatus;
import org.swhvault.core.Vault;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.core.request.MemoryRequestStore;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.cook.TestCooker;

import static org.swhvault.benchmarks.Samples.deleteRecursively;
import static org.swhvault.benchmarks.Samples.median;
import static org.swhvault.benchmarks.Samples.min;

/**
 * How much the vault engine costs on top of calling a cooker directly: the same cooker writes the same
 * bundle into the same store, once called by hand (create, cook, commit) and once through
 * {@code Vault.cook} + {@code awaitCompletion} (request store with fsyncs, queue, lease, size limit,
 * progress throttling). The cooker does almost nothing but write, so the engine's share is as visible as it
 * can be. Runs are interleaved; medians are reported.
 *
 * <p>Usage: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' org.swhvault.benchmarks.EngineOverhead
 * [megabytes=100] [runs=9] [store=file|null] [requests=journal|memory]}
 */
public final class EngineOverhead {
    private EngineOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        String storeKind = args.length > 2 ? args[2] : "file";
        boolean journal = args.length <= 3 || args[3].equals("journal");
        int warmups = 2;
        long size = (long) megabytes << 20;

        Path tmp = Files.createTempDirectory("engine-overhead");
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        List<Swhid> dirs = new ArrayList<>();
        for (int i = 0; i < 2 * (runs + warmups); i++) {
            String text = "bundle " + i;
            dirs.add(Swhid.of(ObjectType.DIRECTORY, archive.directory(t -> t.file("README", text))));
        }
        ObjectSource source = archive.build();
        Cooker cooker = writing(size);
        BundleStore store = storeKind.equals("null") ? new NullStore() : FsBundleStore.open(tmp.resolve("bundles"));
        long[] direct = new long[runs];
        long[] engine = new long[runs];
        try (RequestStore requests = journal
                        ? JournalRequestStore.open(tmp.resolve("requests")) : new MemoryRequestStore();
                Vault vault = Vault.builder()
                        .source(source)
                        .store(store)
                        .cookers(Cookers.of(List.of(cooker)))
                        .requestStore(requests)
                        .maxBundleSize(BundleType.FLAT, size)
                        .build()) {
            int next = 0;
            for (int i = -warmups; i < runs; i++) {
                long d = cookDirectly(cooker, source, store, dirs.get(next++));
                long e = cookThroughVault(vault, dirs.get(next++));
                if (i >= 0) {
                    direct[i] = d;
                    engine[i] = e;
                }
            }
        } finally {
            deleteRecursively(tmp);
        }
        double md = median(direct) / 1e6;
        double me = median(engine) / 1e6;
        System.out.printf("bundle %d MB, store %s, requests %s, %d runs (after %d warm-ups), %d processors%n",
                megabytes, storeKind, journal ? "journal" : "memory", runs, warmups,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("direct cooker call : median %8.1f ms  (min %8.1f)  %6.0f MB/s%n",
                md, min(direct) / 1e6, megabytes / (md / 1000));
        System.out.printf("through the vault  : median %8.1f ms  (min %8.1f)  %6.0f MB/s%n",
                me, min(engine) / 1e6, megabytes / (me / 1000));
        System.out.printf("engine overhead    : %+.1f ms = %+.1f %% (median), %+.1f ms = %+.1f %% (min)%n",
                me - md, 100 * (me - md) / md, (min(engine) - min(direct)) / 1e6,
                100 * (min(engine) - min(direct)) / (double) min(direct));
    }

    private static long cookDirectly(Cooker cooker, ObjectSource source, BundleStore store, Swhid swhid)
            throws IOException {
        long start = System.nanoTime();
        try (BundleWriter writer = store.create(new BundleKey(BundleType.FLAT, swhid))) {
            cooker.cook(swhid, source, writer.stream(), CookContext.silent());
            writer.commit();
        }
        return System.nanoTime() - start;
    }

    private static long cookThroughVault(Vault vault, Swhid swhid) {
        long start = System.nanoTime();
        vault.cook(BundleType.FLAT, swhid);
        BundleStatus status = vault.awaitCompletion(BundleType.FLAT, swhid, Duration.ofMinutes(10));
        long elapsed = System.nanoTime() - start;
        if (status.state() != RequestState.DONE) {
            throw new IllegalStateException("cooking failed: " + status);
        }
        return elapsed;
    }

    /** Writes {@code size} pseudo-random bytes in 64 KiB chunks, reporting progress after each. */
    private static TestCooker writing(long size) {
        byte[] chunk = new byte[64 * 1024];
        new Random(42).nextBytes(chunk);
        return TestCooker.flat((swhid, out, context) -> {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
                context.progress("Writing", written, size);
                context.checkCancelled();
            }
        });
    }

    /** Keeps nothing: measures the engine's CPU cost alone. */
    private static final class NullStore implements BundleStore {
        @Override
        public BundleWriter create(BundleKey key) {
            return new BundleWriter() {
                private long count;
                private final OutputStream out = new OutputStream() {
                    @Override
                    public void write(int b) {
                        count++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        count += len;
                    }
                };

                @Override
                public OutputStream stream() {
                    return out;
                }

                @Override
                public BundleInfo commit() {
                    return new BundleInfo(key, count, Optional.empty(), Instant.now());
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Optional<BundleInfo> stat(BundleKey key) {
            return Optional.of(new BundleInfo(key, 0, Optional.empty(), Instant.EPOCH));
        }

        @Override
        public InputStream open(BundleKey key, long offset, long length) {
            return InputStream.nullInputStream();
        }

        @Override
        public boolean delete(BundleKey key) {
            return false;
        }

        @Override
        public Stream<BundleInfo> list() {
            return Stream.empty();
        }

        @Override
        public boolean verify(BundleKey key) {
            return true;
        }
    }
}
