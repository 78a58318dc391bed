package org.swhvault.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.storage.s3.S3BundleStore;
import org.swhvault.testing.BundleKeys;
import org.swhvault.testing.PseudoRandomBytes;

/**
 * Throughput of putting and reading one large bundle through the filesystem store and through the S3
 * store against S3Proxy (filesystem back end) on loopback, side by side in one JVM. Prints the median of
 * several rounds, wall time and the calling thread's CPU time, and the median time the put spent in
 * {@code commit()} (for S3: the last part, completing the upload, the in-bucket copy that publishes it).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.swhvault.benchmarks.BundleStoreThroughput [MiB=256] [rounds=3] [S3 part sizes in MiB=16]
 * </pre>
 */
public final class BundleStoreThroughput {
    private static final String ACCESS_KEY = "bench";
    private static final String SECRET_KEY = "bench-secret-0123456789";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BundleStoreThroughput() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] partSizes = (args.length > 2 ? args[2] : "16").split(",");
        Path work = Files.createTempDirectory("bundle-store-throughput");
        S3Proxy proxy = null;
        try {
            BlobStore blobs = new FilesystemNio2BlobStore(Files.createDirectories(work.resolve("s3")).toString());
            blobs.createContainer("bench");
            proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true).build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            Map<String, BundleStore> stores = new LinkedHashMap<>();
            stores.put("fs", FsBundleStore.open(work.resolve("fs")));
            for (String part : partSizes) {
                stores.put("s3 (parts of " + part + " MiB)", S3BundleStore.builder().endpoint(endpoint).pathStyle(true)
                        .credentials(ACCESS_KEY, SECRET_KEY).bucket("bench").prefix("p" + part)
                        .partSize(Long.parseLong(part) << 20).build());
            }
            // one pseudo-random MiB written again and again, so that the figures measure the stores, not the generator
            byte[] chunk = new PseudoRandomBytes(1, 1 << 20).slice(0, 1 << 20);
            long size = mib << 20;
            System.out.printf("bundle of %d MiB, %d rounds after one warm-up round, median of wall time"
                    + " (calling thread's CPU time)%n", mib, rounds);
            System.out.printf("%-26s %28s %28s %12s%n", "store", "put", "read", "commit");
            for (Map.Entry<String, BundleStore> store : stores.entrySet()) {
                measure(store.getKey(), store.getValue(), chunk, size, rounds);
            }
            for (BundleStore store : stores.values()) {
                store.close();
            }
        } finally {
            if (proxy != null) {
                proxy.stop();
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(String name, BundleStore store, byte[] chunk, long size, int rounds)
            throws IOException {
        List<long[]> puts = new ArrayList<>();
        List<Long> commits = new ArrayList<>();
        List<long[]> reads = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            BundleKey key = BundleKeys.random();
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long tc;
            try (BundleWriter writer = store.create(key)) {
                for (long written = 0; written < size; written += chunk.length) {
                    writer.stream().write(chunk);
                }
                tc = System.nanoTime();
                writer.commit();
            }
            long t1 = System.nanoTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            try (InputStream in = store.open(key)) {
                if (in.transferTo(OutputStream.nullOutputStream()) != size) {
                    throw new IllegalStateException(name + " read back a different size");
                }
            }
            long t2 = System.nanoTime();
            long c2 = THREADS.getCurrentThreadCpuTime();
            store.delete(key);
            if (round > 0) {
                puts.add(new long[] {t1 - t0, c1 - c0});
                commits.add(t1 - tc);
                reads.add(new long[] {t2 - t1, c2 - c1});
            }
        }
        commits.sort(null);
        System.out.printf("%-26s %28s %28s %10.2f s%n", name, format(median(puts), size), format(median(reads), size),
                commits.get(commits.size() / 2) / 1e9);
    }

    private static long[] median(List<long[]> times) {
        List<long[]> sorted = new ArrayList<>(times);
        sorted.sort(Comparator.comparingLong(t -> t[0]));
        return sorted.get(sorted.size() / 2);
    }

    private static String format(long[] time, long bytes) {
        double seconds = time[0] / 1e9;
        return String.format("%6.0f MiB/s %5.2f s (%4.2f s)", bytes / 1048576.0 / seconds, seconds, time[1] / 1e9);
    }
}
