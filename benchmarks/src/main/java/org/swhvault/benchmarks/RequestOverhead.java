package org.swhvault.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.swhvault.core.BundleStatus;
import org.swhvault.core.CookAttempt;
import org.swhvault.core.Vault;
import org.swhvault.core.VaultBuilder;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.objstorage.Compression;
import org.swhvault.objstorage.PathSlicing;
import org.swhvault.objstorage.PathSlicingObjStorage;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.source.swhpg.SwhLoader;
import org.swhvault.source.swhpg.SwhPostgresSource;
import org.swhvault.source.swhpg.SwhSchema;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;

import static org.swhvault.benchmarks.Samples.deleteRecursively;
import static org.swhvault.benchmarks.Samples.max;
import static org.swhvault.benchmarks.Samples.median;
import static org.swhvault.benchmarks.Samples.min;

/**
 * What a request costs on top of its cook, for small bundles: the real {@code flat} cooker cooks distinct small
 * directories into a file store, once called by hand (create the bundle file, cook, commit: the cook itself)
 * and once requested from a {@link Vault} and awaited (the request created and claimed in the request store,
 * handed to a worker, cooked the same way, recorded as done, the waiter woken). The difference of the medians
 * is the request's overhead. Runs are interleaved; both sides commit their bundle with the store's fsyncs.
 *
 * <p>Usage: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*'
 * org.swhvault.benchmarks.RequestOverhead [files=100] [kilobytes-per-file=4] [runs=60] [requests=memory|journal|
 * postgresql://USER@HOST:PORT/DB|overlapped:postgresql://…] [latency|throughput]}; {@code overlapped:} sets the
 * store's {@code overlap-claim-commits}. {@code latency} (the default) times one bundle at a time, as above;
 * {@code throughput} times rounds of 4 bundles per processor at once, cooked by hand on as many threads as the
 * vault cooks at once, or requested together and awaited: the bundles per second a busy vault loses to its
 * requests (their round trips then overlap other cooks). {@code -Dcooks=N} sets the vault's
 * {@link VaultBuilder#maxConcurrentCooks(int)} (default: the processors, as the hand-cooking threads).
 */
public final class RequestOverhead {
    private RequestOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int kilobytes = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String requests = args.length > 3 ? args[3] : "journal";
        boolean throughput = args.length > 4 && args[4].equals("throughput");
        if (args.length > 4 && !throughput && !args[4].equals("latency")) {
            throw new IllegalArgumentException("mode: latency or throughput, not " + args[4]);
        }
        int warmups = throughput ? Math.max(5, runs / 3) : Math.max(20, runs / 3);
        int batch = throughput ? 4 * Runtime.getRuntime().availableProcessors() : 1;

        Path tmp = Files.createTempDirectory("request-overhead");
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        List<Swhid> dirs = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2 * batch * (runs + warmups); i++) {
            int n = i;
            dirs.add(Swhid.of(ObjectType.DIRECTORY, archive.directory(t -> {
                for (int f = 0; f < files; f++) {
                    t.file("file-" + f + ".txt", text(random, n, kilobytes * 1024));
                }
            })));
        }
        String storage = System.getProperty("storage");
        ObjectSource source = storage == null ? archive.build() : loadIntoSwhStorage(archive, dirs, storage, tmp);
        Cooker flat = Cookers.discover().forObject(BundleType.FLAT, ObjectType.DIRECTORY);
        BundleStore store = FsBundleStore.open(tmp.resolve("bundles"));
        long[] inWorker = new long[1];
        VaultBuilder builder = Vault.builder().source(source).store(store).cookers(Cookers.of(List.of(flat)))
                .maxConcurrentCooks(Integer.getInteger("cooks", Runtime.getRuntime().availableProcessors()))
                .listener(new VaultListener() {
                    @Override
                    public void onAttemptEnded(CookAttempt attempt) {
                        inWorker[0] = attempt.took().toNanos();
                    }
                });
        boolean overlap = requests.startsWith("overlapped:");
        if (overlap) {
            requests = requests.substring("overlapped:".length());
        }
        if (requests.startsWith("postgresql://")) {
            builder.requestStore("postgresql", Map.of("url", requests, "overlap-claim-commits", "" + overlap));
        } else if (requests.equals("journal")) {
            builder.requestStore("journal", Map.of("path", tmp.resolve("requests").toString()));
        } else if (!requests.equals("memory")) {
            throw new IllegalArgumentException("requests: memory, journal, postgresql://… or overlapped:postgresql://…,"
                    + " not " + requests);
        }
        String what = String.format("flat of %d files of %d kB from %s, requests %s%s", files, kilobytes,
                storage == null ? "memory" : "swh-storage and a gzip objstorage",
                requests.replaceAll(":[^:@/]*@", "@"), overlap ? " (claims committed while they cook)" : "");
        try (Vault vault = builder.build()) {
            Iterator<Swhid> next = dirs.iterator();
            if (throughput) {
                throughput(vault, flat, source, store, next, batch, runs, warmups, what);
            } else {
                latency(vault, flat, source, store, next, runs, warmups, what, inWorker);
            }
        } finally {
            source.close();
            deleteRecursively(tmp);
        }
    }

    /** One bundle at a time: the cook by hand, then one requested and awaited, alternately. */
    private static void latency(Vault vault, Cooker flat, ObjectSource source, BundleStore store, Iterator<Swhid> next,
            int runs, int warmups, String what, long[] inWorker) throws Exception {
        long[] direct = new long[runs];
        long[] engine = new long[runs];
        long[] created = new long[runs];
        long[] worker = new long[runs];
        long size = 0;
        for (int i = -warmups; i < runs; i++) {
            long start = System.nanoTime();
            size = cookByHand(flat, source, store, next.next());
            long d = System.nanoTime() - start;

            Swhid theirs = next.next();
            start = System.nanoTime();
            vault.cook(BundleType.FLAT, theirs);
            long c = System.nanoTime() - start;
            awaitDone(vault, theirs);
            long e = System.nanoTime() - start;
            if (i >= 0) {
                direct[i] = d;
                engine[i] = e;
                created[i] = c;
                worker[i] = inWorker[0];
            }
        }
        double md = median(direct) / 1e6;
        double me = median(engine) / 1e6;
        System.out.printf("%s (bundle %d bytes), %d runs after %d warm-ups, %d processors%n", what, size, runs,
                warmups, Runtime.getRuntime().availableProcessors());
        System.out.printf("the cook alone          : median %7.2f ms (min %7.2f, max %7.2f)%n", md,
                min(direct) / 1e6, max(direct) / 1e6);
        System.out.printf("requested and awaited   : median %7.2f ms (min %7.2f, max %7.2f)%n", me,
                min(engine) / 1e6, max(engine) / 1e6);
        System.out.printf("  of which Vault.cook() : median %7.2f ms (the request created, claimed, queued)%n",
                median(created) / 1e6);
        long[] paired = new long[runs];
        Arrays.setAll(paired, i -> engine[i] - direct[i]);
        long[] sorted = paired.clone();
        Arrays.sort(sorted);
        System.out.printf("  of which the worker's cook: median %7.2f ms (create, cook, commit, as timed by the"
                + " vault)%n", median(worker) / 1e6);
        System.out.printf("request overhead        : %+.2f ms = %+.1f %% of the cook (difference of the medians)%n",
                me - md, 100 * (me - md) / md);
        System.out.printf("  run by run            : median %+.2f ms = %+.1f %% (quartiles %+.2f, %+.2f ms)%n",
                median(paired) / 1e6, 100 * median(paired) / 1e6 / md, sorted[runs / 4] / 1e6,
                sorted[3 * runs / 4] / 1e6);
    }

    /**
     * Many bundles at once, as a busy vault gets them: each round, {@code batch} distinct bundles cooked by hand
     * on as many threads as the vault cooks at once, then {@code batch} others requested together and awaited;
     * what the requests cost then shows as bundles per second lost, the round trips overlapping other cooks.
     */
    private static void throughput(Vault vault, Cooker flat, ObjectSource source, BundleStore store,
            Iterator<Swhid> next, int batch, int runs, int warmups, String what) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors(); // the vault's default maxConcurrentCooks
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] direct = new long[runs];
        long[] engine = new long[runs];
        try {
            for (int i = -warmups; i < runs; i++) {
                List<Swhid> mine = take(next, batch);
                long start = System.nanoTime();
                List<Future<Long>> cooks = new ArrayList<>();
                for (Swhid dir : mine) {
                    cooks.add(pool.submit(() -> cookByHand(flat, source, store, dir)));
                }
                for (Future<Long> cook : cooks) {
                    cook.get();
                }
                long d = System.nanoTime() - start;

                List<Swhid> theirs = take(next, batch);
                start = System.nanoTime();
                for (Swhid dir : theirs) {
                    vault.cook(BundleType.FLAT, dir);
                }
                for (Swhid dir : theirs) {
                    awaitDone(vault, dir);
                }
                long e = System.nanoTime() - start;
                if (i >= 0) {
                    direct[i] = d;
                    engine[i] = e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double md = median(direct) / 1e6 / batch;
        double me = median(engine) / 1e6 / batch;
        System.out.printf("%s: rounds of %d bundles at once on %d threads, %d rounds after %d warm-ups%n", what, batch,
                threads, runs, warmups);
        System.out.printf("cooked by hand          : median %7.2f ms per bundle (%.0f bundles/s)%n", md, 1000 / md);
        System.out.printf("requested and awaited   : median %7.2f ms per bundle (%.0f bundles/s)%n", me, 1000 / me);
        long[] paired = new long[runs];
        Arrays.setAll(paired, i -> engine[i] - direct[i]);
        System.out.printf("request overhead        : %+.2f ms per bundle = %+.1f %% (difference of the medians);"
                + " round by round %+.1f %%%n", me - md, 100 * (me - md) / md, 100 * median(paired) / batch / 1e6 / md);
    }

    private static List<Swhid> take(Iterator<Swhid> next, int n) {
        List<Swhid> taken = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            taken.add(next.next());
        }
        return taken;
    }

    /** Cooks a bundle into the store as the vault's worker does, without a request; returns its size. */
    /**
     * Loads the directories into the swh-storage database at {@code storage} (its schema created there) and a
     * pathslicing objstorage (gzip, as a mirror's) in {@code tmp}, and opens them as a mirror's vault reads them.
     */
    private static ObjectSource loadIntoSwhStorage(MemorySourceBuilder archive, List<Swhid> dirs, String storage,
            Path tmp) throws Exception {
        ObjectId snapshot = archive.snapshot(s -> {
            for (int i = 0; i < dirs.size(); i++) {
                s.branch("refs/heads/d" + i, ObjectType.DIRECTORY, dirs.get(i).id());
            }
        });
        PostgresLocation db = PostgresLocation.parse(storage);
        SwhSchema.createIn(db, SwhSchema.Flavor.DEFAULT);
        ObjStorage objects = PathSlicingObjStorage.open(Files.createDirectories(tmp.resolve("objects")),
                PathSlicing.MIRROR, Compression.GZIP);
        SwhLoader.loadInto(db, archive.build(), snapshot, objects, Optional.empty(), tmp, progress -> { });
        return SwhPostgresSource.open(db, 4, objects);
    }

    private static long cookByHand(Cooker flat, ObjectSource source, BundleStore store, Swhid dir) throws Exception {
        try (BundleWriter writer = store.create(new BundleKey(BundleType.FLAT, dir))) {
            flat.cook(dir, source, writer.stream(), CookContext.silent());
            return writer.commit().size();
        }
    }

    private static void awaitDone(Vault vault, Swhid dir) {
        BundleStatus status = vault.awaitCompletion(BundleType.FLAT, dir, Duration.ofMinutes(1));
        if (status.state() != RequestState.DONE) {
            throw new IllegalStateException("cooking failed: " + status);
        }
    }

    /** Text-like bytes (compressible as source code is), different for every directory. */
    private static byte[] text(Random random, int dir, int length) {
        StringBuilder s = new StringBuilder(length + 80);
        s.append("// directory ").append(dir).append('\n');
        String[] words = {"int", "return", "value", "if", "else", "for", "the", "bundle", "cook", "(", ")", ";"};
        while (s.length() < length) {
            s.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? '\n' : ' ');
        }
        s.setLength(length);
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
