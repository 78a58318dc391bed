package org.swhvault.benchmarks;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.swhvault.core.identify.DiskIdentifier;
import org.swhvault.spi.swhid.Swhid;

/**
 * Identifies a generated directory tree on disk ({@link TreeGenerator}: 20,000 files, about 200 MB by
 * default) with {@link DiskIdentifier}. The tree is generated once per run into a temporary directory
 * (or read from {@code -Dvault.bench.tree=DIR} when given, so repeated runs can reuse it); the first
 * warm-up iteration also brings it into the page cache, so what is measured is hashing, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-Xmx1g"})
public class IdentifyBenchmark {
    /** Hashing threads; 0 means one per available processor. */
    @Param({"1", "0"})
    public int threads;

    private Path tree;
    private boolean generated;
    private DiskIdentifier identifier;

    /**
     * Generates the tree (unless one is given) and builds the identifier.
     *
     * @throws IOException if generating fails
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String given = System.getProperty("vault.bench.tree");
        if (given != null) {
            tree = Path.of(given);
        } else {
            tree = Files.createTempDirectory("vault-identify-bench-");
            generated = true;
            TreeGenerator.generate(tree, TreeGenerator.DEFAULT_FILES, TreeGenerator.DEFAULT_MEGABYTES);
        }
        DiskIdentifier.Builder builder = DiskIdentifier.builder();
        identifier = (threads > 0 ? builder.parallelism(threads) : builder).build();
    }

    /**
     * Deletes the tree if this benchmark generated it.
     *
     * @throws IOException if deleting fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (generated) {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    /**
     * Identifies the whole tree.
     *
     * @return the SWHID, so the work is not optimised away
     */
    @Benchmark
    public Swhid identifyDirectory() {
        return identifier.directory(tree);
    }
}
