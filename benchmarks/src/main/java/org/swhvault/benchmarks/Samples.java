package org.swhvault.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** The statistics the side-by-side benchmarks report, and their clean-up. */
final class Samples {
    private Samples() {
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    static long max(long[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** Deletes a directory and everything in it. */
    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
