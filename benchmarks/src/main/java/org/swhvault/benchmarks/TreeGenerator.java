package org.swhvault.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;

/**
 * Writes a deterministic source-tree-like directory for identification benchmarks: many small files,
 * fewer medium ones, a handful of large ones, spread over nested directories, with some executables,
 * symlinks and empty directories. The same arguments always give the same bytes.
 *
 * <p>Usage: {@code TreeGenerator DIR [FILES [MEGABYTES]]} (defaults: 20000 files, about 200 MB).
 */
public final class TreeGenerator {
    /** Default number of files. */
    public static final int DEFAULT_FILES = 20_000;
    /** Default total size in megabytes (approximate). */
    public static final int DEFAULT_MEGABYTES = 200;

    private TreeGenerator() {
    }

    /**
     * Generates the tree.
     *
     * @param args DIR [FILES [MEGABYTES]]
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: TreeGenerator DIR [FILES [MEGABYTES]]");
            System.exit(2);
        }
        int files = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_FILES;
        int megabytes = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_MEGABYTES;
        long bytes = generate(Path.of(args[0]), files, megabytes);
        System.err.printf("generated %d files, %.1f MB in %s%n", files, bytes / 1e6, args[0]);
    }

    /**
     * Generates {@code files} files totalling about {@code megabytes} MB under {@code root}, which must
     * not exist or be empty.
     *
     * @param root the directory to fill
     * @param files how many regular files
     * @param megabytes the approximate total size
     * @return the number of bytes written
     * @throws IOException if writing fails
     */
    public static long generate(Path root, int files, int megabytes) throws IOException {
        SplittableRandom random = new SplittableRandom(20_000);
        // size classes as in a typical source tree; the mean of the mix is about 10 KB per file, and it is
        // scaled so that the total comes out near the requested size
        double scale = megabytes * 1e6 / (files * 10_465.0);
        long total = 0;
        byte[] buffer = new byte[4 * 1024 * 1024];
        for (int i = 0; i < files; i++) {
            int size = (int) (sizeClass(random) * scale);
            Path file = root.resolve(String.format("module-%02d/pkg-%02d/sub-%d/file-%05d.%s",
                    i / 1000, (i / 50) % 20, i % 3, i, i % 7 == 0 ? "bin" : "txt"));
            Files.createDirectories(file.getParent());
            byte[] data = size <= buffer.length ? buffer : new byte[size];
            random.nextBytes(data);
            try (var out = Files.newOutputStream(file)) {
                out.write(data, 0, size);
            }
            if (i % 10 == 0) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            if (i % 500 == 0) {
                Files.createSymbolicLink(file.resolveSibling("link-" + i), file.getFileName());
                Files.createDirectories(file.resolveSibling("empty-" + i));
            }
            total += size;
        }
        return total;
    }

    private static long sizeClass(SplittableRandom random) {
        double r = random.nextDouble();
        if (r < 0.85) {
            return random.nextLong(4 * 1024);
        } else if (r < 0.99) {
            return 4 * 1024 + random.nextLong(60 * 1024);
        } else if (r < 0.9995) {
            return 64 * 1024 + random.nextLong(448 * 1024);
        }
        return 1024 * 1024 + random.nextLong(2 * 1024 * 1024);
    }
}
