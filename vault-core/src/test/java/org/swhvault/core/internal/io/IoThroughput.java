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
        } else {
            pack(dir, megabytes, threads);
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

    /** Blobs cut from the same mixed input: mostly 1-40 KB, one in 500 of 1-8 MB. */
    private static void pack(Path dir, int megabytes, int threads) throws IOException {
        byte[] input = ParallelGzipOutputStreamTest.mixedInput(megabytes * 1_000_000, 1);
        java.util.Random random = new java.util.Random(2);
        java.util.List<byte[]> blobs = new java.util.ArrayList<>();
        java.util.List<org.swhvault.spi.model.ObjectId> ids = new java.util.ArrayList<>();
        for (int pos = 0; pos < input.length; ) {
            int size = random.nextInt(500) == 0 ? 1_000_000 + random.nextInt(7_000_000) : 1000 + random.nextInt(40_000);
            size = Math.min(size, input.length - pos);
            byte[] body = java.util.Arrays.copyOfRange(input, pos, pos + size);
            body[0] = (byte) blobs.size(); // distinct ids
            body[size - 1] = (byte) (blobs.size() >>> 8);
            blobs.add(body);
            ids.add(org.swhvault.spi.model.Identifiers.hash("blob", body));
            pos += size;
        }
        Path list = dir.resolve("ids");
        Files.writeString(list, ids.stream().map(id -> id.toHex() + "\n").collect(java.util.stream.Collectors.joining()));
        for (int level : new int[] {1, 6}) {
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                try (PackWriter writer = PackWriter.builder(dir).level(level).threads(threads).open()) {
                    for (int i = 0; i < blobs.size(); i++) {
                        writer.add(GitObjectType.BLOB, ids.get(i), blobs.get(i));
                    }
                    try (PackFile pack = writer.finish()) {
                        report("PackWriter -" + level + ", " + threads + " threads, " + blobs.size() + " blobs",
                                input.length, pack.packSize(), t0);
                        if (level == 6 && round == 0) {
                            Path repo = dir.resolve("repo.git");
                            Exec.run(dir, "git", "init", "-q", "--bare", repo.toString()).check();
                            Files.copy(pack.packPath(), repo.resolve("objects/pack/" + pack.name() + ".pack"));
                            Files.copy(pack.indexPath(), repo.resolve("objects/pack/" + pack.name() + ".idx"));
                        }
                    }
                }
            }
        }
        for (int level : new int[] {1, 6}) {
            long t0 = System.nanoTime();
            Exec.run(dir.resolve("repo.git"), list, java.util.List.of("git", "-c", "pack.threads=" + threads,
                    "-c", "pack.compression=" + level, "pack-objects", "-q", "--window=0", "--no-reuse-object",
                    dir.resolve("gitpack").toString())).check();
            report("git pack-objects --window=0 --no-reuse-object, level " + level, input.length, -1, t0);
        }
    }

    static void report(String what, long in, long out, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-45s %8.2f s %8.1f MB/s in, %,d -> %,d bytes%n", what, s, in / 1e6 / s, in, out);
    }
}
