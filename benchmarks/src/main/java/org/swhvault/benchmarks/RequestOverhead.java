package org.swhvault.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.swhvault.core.BundleStatus;
import org.swhvault.core.CookAttempt;
import org.swhvault.core.Vault;
import org.swhvault.core.VaultBuilder;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
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
 * postgresql://USER@HOST:PORT/DB|overlapped:postgresql://…]}; {@code overlapped:} sets the store's
 * {@code overlap-claim-commits}.
 */
public final class RequestOverhead {
    private RequestOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int kilobytes = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String requests = args.length > 3 ? args[3] : "journal";
        int warmups = Math.max(20, runs / 3);

        Path tmp = Files.createTempDirectory("request-overhead");
        MemorySourceBuilder archive = MemoryObjectSource.builder();
        List<Swhid> dirs = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2 * (runs + warmups); i++) {
            int n = i;
            dirs.add(Swhid.of(ObjectType.DIRECTORY, archive.directory(t -> {
                for (int f = 0; f < files; f++) {
                    t.file("file-" + f + ".txt", text(random, n, kilobytes * 1024));
                }
            })));
        }
        ObjectSource source = archive.build();
        Cooker flat = Cookers.discover().forObject(BundleType.FLAT, ObjectType.DIRECTORY);
        BundleStore store = FsBundleStore.open(tmp.resolve("bundles"));
        long[] direct = new long[runs];
        long[] engine = new long[runs];
        long[] created = new long[runs];
        long size = 0;
        long[] inWorker = new long[1];
        VaultBuilder builder = Vault.builder().source(source).store(store).cookers(Cookers.of(List.of(flat)))
                .listener(new VaultListener() {
                    @Override
                    public void onAttemptEnded(CookAttempt attempt) {
                        inWorker[0] = attempt.took().toNanos();
                    }
                });
        long[] worker = new long[runs];
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
        try (Vault vault = builder.build()) {
            int next = 0;
            for (int i = -warmups; i < runs; i++) {
                Swhid mine = dirs.get(next++);
                long start = System.nanoTime();
                try (BundleWriter writer = store.create(new BundleKey(BundleType.FLAT, mine))) {
                    flat.cook(mine, source, writer.stream(), CookContext.silent());
                    size = writer.commit().size();
                }
                long d = System.nanoTime() - start;

                Swhid theirs = dirs.get(next++);
                start = System.nanoTime();
                vault.cook(BundleType.FLAT, theirs);
                long c = System.nanoTime() - start;
                BundleStatus status = vault.awaitCompletion(BundleType.FLAT, theirs, Duration.ofMinutes(1));
                long e = System.nanoTime() - start;
                if (status.state() != RequestState.DONE) {
                    throw new IllegalStateException("cooking failed: " + status);
                }
                if (i >= 0) {
                    direct[i] = d;
                    engine[i] = e;
                    created[i] = c;
                    worker[i] = inWorker[0];
                }
            }
        } finally {
            deleteRecursively(tmp);
        }
        double md = median(direct) / 1e6;
        double me = median(engine) / 1e6;
        System.out.printf("flat of %d files of %d kB (bundle %d bytes), requests %s%s, %d runs after %d warm-ups, "
                + "%d processors%n", files, kilobytes, size, requests.replaceAll(":[^:@/]*@", "@"),
                overlap ? " (claims committed while they cook)" : "", runs, warmups,
                Runtime.getRuntime().availableProcessors());
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
