package org.swhvault.core.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.core.cook.gitbare.pack.PackWriter;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.Command;
import org.swhvault.testing.process.ProcessResult;
import org.swhvault.testing.process.Processes;

/**
 * Rough throughput figures, printed, never asserted (not a test; run by hand):
 * {@code java -cp ... org.swhvault.core.internal.io.IoThroughput [gzip|pack] [MB] [threads]}.
 */
public final class IoThroughput {
    private IoThroughput() {
    }

    private static boolean sourceText;

    /** The input: the mixed random/text generator, or C headers of /usr/include repeated (-Dinput=source). */
    static byte[] input(int bytes) throws IOException {
        if (!sourceText) {
            return ParallelGzipOutputStreamTest.mixedInput(bytes, 1);
        }
        byte[] out = new byte[bytes];
        int pos = 0;
        List<Path> files;
        try (var stream = Files.walk(Path.of("/usr/include"))) {
            files = stream.filter(Files::isRegularFile).sorted().toList();
        }
        while (pos < bytes) {
            for (Path f : files) {
                byte[] b = Files.readAllBytes(f);
                int n = Math.min(b.length, bytes - pos);
                System.arraycopy(b, 0, out, pos, n);
                pos += n;
                if (pos == bytes) {
                    break;
                }
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        sourceText = "source".equals(System.getProperty("input"));
        String what = args.length > 0 ? args[0] : "gzip";
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("swhvault-throughput");
        if (what.equals("gzip")) {
            gzip(dir, megabytes, threads);
        } else if (what.equals("targz")) {
            targz(dir, megabytes, threads);
        } else {
            pack(dir, megabytes, threads);
        }
    }

    private static void gzip(Path dir, int megabytes, int threads) throws IOException {
        byte[] input = input(megabytes * 1_000_000);
        Path plain = dir.resolve("input");
        Files.write(plain, input);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            cpuMark = cpuNanos();
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
        reportCommand(dir, plain, "gzip -6 -n", "gzip -6 -n -c > out2.gz", input.length, dir.resolve("out2.gz"));
    }

    /** Blobs cut from the same mixed input: mostly 1-40 KB, one in 500 of 1-8 MB. */
    private static void pack(Path dir, int megabytes, int threads) throws IOException {
        byte[] input = input(megabytes * 1_000_000);
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
                cpuMark = cpuNanos();
                try (PackWriter writer = PackWriter.builder(dir).level(level).threads(threads).open()) {
                    for (int i = 0; i < blobs.size(); i++) {
                        writer.add(GitObjectType.BLOB, ids.get(i), blobs.get(i));
                    }
                    try (PackFile pack = writer.finish()) {
                        report("PackWriter -" + level + ", " + threads + " threads, " + blobs.size() + " blobs",
                                input.length, pack.packSize(), t0);
                        if (level == 6 && round == 0) {
                            Path repo = dir.resolve("repo.git");
                            IsolatedGit.in(dir).command("init", "-q", "--bare", repo.toString()).run();
                            Files.copy(pack.packPath(), repo.resolve("objects/pack/" + pack.name() + ".pack"));
                            Files.copy(pack.indexPath(), repo.resolve("objects/pack/" + pack.name() + ".idx"));
                        }
                    }
                }
            }
        }
        for (int level : new int[] {1, 6}) {
            reportCommand(dir.resolve("repo.git"), list, "git pack-objects --window=0 --no-reuse-object -" + level,
                    "git -c pack.threads=" + threads + " -c pack.compression=" + level
                    + " pack-objects -q --window=0 --no-reuse-object " + dir.resolve("gitpack"), input.length, null);
        }
    }

    /** A tar of 1-40 KB files cut from the mixed input, through TarWriter and ParallelGzipOutputStream. */
    private static void targz(Path dir, int megabytes, int threads) throws IOException {
        byte[] input = input(megabytes * 1_000_000);
        Path tgz = dir.resolve("out.tar.gz");
        for (int round = 0; round < 3; round++) {
            java.util.Random random = new java.util.Random(2);
            long t0 = System.nanoTime();
            cpuMark = cpuNanos();
            try (OutputStream out = new ParallelGzipOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(tgz), 1 << 16), 6, threads)) {
                TarWriter tar = new TarWriter(out);
                tar.directory(org.swhvault.spi.model.Bytes.utf8("root"));
                int n = 0;
                for (int pos = 0; pos < input.length; n++) {
                    int size = Math.min(1000 + random.nextInt(40_000), input.length - pos);
                    tar.file(org.swhvault.spi.model.Bytes.utf8("root/f" + n), 0644, size,
                            new java.io.ByteArrayInputStream(input, pos, size));
                    pos += size;
                }
                tar.finish();
            }
            report("TarWriter + ParallelGzipOutputStream -6, " + threads + " threads", input.length, Files.size(tgz), t0);
        }
        Processes.run(dir, "sh", "-c", "gzip -dc out.tar.gz > out.tar");
        reportCommand(dir, null, "gzip -6 -n of the same tar", "gzip -6 -n -c out.tar > out2.tar.gz", input.length,
                dir.resolve("out2.tar.gz"));
    }

    private static long cpuMark = cpuNanos();

    /** CPU time of this process (all threads, JIT and GC included), less sensitive than wall time to a busy machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void report(String what, long in, long out, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos();
        double cpuS = (cpu - cpuMark) / 1e9;
        cpuMark = cpu;
        System.out.printf("%-58s wall %6.2f s (%6.1f MB/s), cpu %6.2f s, %,d -> %,d bytes%n",
                what, s, in / 1e6 / s, cpuS, in, out);
    }

    /** Runs a shell command and reports its wall and CPU (user + system) time. */
    static void reportCommand(Path dir, Path stdin, String what, String command, long in, Path output) throws IOException {
        long t0 = System.nanoTime();
        Command time = Processes.command("/usr/bin/time", "-f", "%U %S", "sh", "-c", command).in(dir)
                .timeout(Duration.ofHours(1));
        ProcessResult r = (stdin == null ? time : time.stdin(stdin)).attempt();
        double s = (System.nanoTime() - t0) / 1e9;
        String[] last = r.stderrText().strip().lines().reduce((a, b) -> b).orElse("0 0").split(" ");
        double cpuS = Double.parseDouble(last[0]) + Double.parseDouble(last[1]);
        System.out.printf("%-58s wall %6.2f s (%6.1f MB/s), cpu %6.2f s, %,d -> %,d bytes%n",
                what, s, in / 1e6 / s, cpuS, in, output == null ? -1 : Files.size(output));
        cpuMark = cpuNanos();
    }
}
