package org.swhvault.core.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rough throughput figures, printed, never asserted (not a test; run by hand):
 * {@code java -cp ... org.swhvault.core.internal.io.IoThroughput [gzip|pack] [MB] [threads]}.
 */
public final class IoThroughput {
    private IoThroughput() {
    }

    public static void main(String[] args) throws IOException {
        String what = args.length > 0 ? args[0] : "gzip";
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("swhvault-throughput");
        if (what.equals("gzip")) {
            gzip(dir, megabytes, threads);
        }
    }

    private static void gzip(Path dir, int megabytes, int threads) throws IOException {
        byte[] input = ParallelGzipOutputStreamTest.mixedInput(megabytes * 1_000_000, 1);
        Path plain = dir.resolve("input");
        Files.write(plain, input);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long size;
            Path gz = dir.resolve("out.gz");
            try (OutputStream out = new ParallelGzipOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(gz), 1 << 16), 6, threads)) {
                for (int pos = 0; pos < input.length; pos += 65536) {
                    out.write(input, pos, Math.min(65536, input.length - pos));
                }
            }
            size = Files.size(gz);
            report("ParallelGzipOutputStream -6, " + threads + " threads", input.length, size, t0);
        }
        long t0 = System.nanoTime();
        Exec.Result r = Exec.run(dir, plain, List.of("sh", "-c", "gzip -6 -n -c > out2.gz"));
        report("gzip -6 (1 process)", input.length, Files.size(dir.resolve("out2.gz")), t0);
        if (r.exitCode() != 0) {
            System.out.println(r.stderr());
        }
    }

    static void report(String what, long in, long out, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-45s %8.2f s %8.1f MB/s in, %,d -> %,d bytes%n", what, s, in / 1e6 / s, in, out);
    }
}
