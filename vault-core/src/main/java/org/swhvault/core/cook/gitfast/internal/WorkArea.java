package org.swhvault.core.cook.gitfast.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap budget and the temporary files that a cook's {@link RecordArray}s share. Arrays take heap while
 * their sum stays within the budget; past it they move to memory-mapped files in a directory of their own,
 * made on the first file under the parent directory given. {@link #close()} deletes every file left and that
 * directory. Not thread-safe.
 */
final class WorkArea implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkArea.class);
    /** The most bytes a mapped region of a file spans. */
    static final int REGION_BYTES = 64 << 20;

    private final Path parent;
    private final boolean files;
    private final long budget;
    private final int regionBytes;
    private final Set<Path> open = new LinkedHashSet<>();
    private Path directory;
    private long heapBytes;

    private WorkArea(Path parent, boolean files, long budget, int regionBytes) {
        if (budget < 0) {
            throw new IllegalArgumentException("heap budget must not be negative: " + budget);
        }
        if (regionBytes < 64) {
            throw new IllegalArgumentException("regions must span 64 bytes at least: " + regionBytes);
        }
        this.parent = parent;
        this.files = files;
        this.budget = budget;
        this.regionBytes = regionBytes;
    }

    /** Returns an area whose arrays stay on the heap, however large. */
    static WorkArea heapOnly() {
        return new WorkArea(null, false, Long.MAX_VALUE, REGION_BYTES);
    }

    /**
     * Returns an area whose arrays take at most {@code budget} bytes of heap together, the rest going to files
     * in a new directory under {@code parent} (null: the system's temporary directory).
     */
    static WorkArea bounded(Path parent, long budget) {
        return bounded(parent, budget, REGION_BYTES);
    }

    /** As {@link #bounded(Path, long)}, with mapped regions of at most {@code regionBytes} bytes. */
    static WorkArea bounded(Path parent, long budget, int regionBytes) {
        return new WorkArea(parent, true, budget, regionBytes);
    }

    /** Takes {@code bytes} of the budget if it has them; always succeeds for a heap-only area. */
    boolean reserve(long bytes) {
        if (files && heapBytes + bytes > budget) {
            return false;
        }
        heapBytes += bytes;
        return true;
    }

    /** Gives back {@code bytes} taken by {@link #reserve}. */
    void release(long bytes) {
        heapBytes -= bytes;
    }

    /** Returns the heap the arrays hold now. */
    long heapBytes() {
        return heapBytes;
    }

    /** Returns whether arrays may move to files. */
    boolean hasFiles() {
        return files;
    }

    /** Returns the most bytes a mapped region may span. */
    int regionBytes() {
        return regionBytes;
    }

    /**
     * Creates an empty file for an array.
     *
     * @throws UncheckedIOException if the directory or the file cannot be made
     */
    Path newFile(String prefix) {
        try {
            if (directory == null) {
                directory = parent == null ? Files.createTempDirectory("swhvault-gitfast-")
                        : Files.createTempDirectory(parent, "swhvault-gitfast-");
            }
            Path file = Files.createTempFile(directory, prefix, ".bin");
            open.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary file in "
                    + (directory != null ? directory : parent != null ? parent : "the temporary directory"), e);
        }
    }

    /** Deletes a file made by {@link #newFile}. */
    void delete(Path file) {
        open.remove(file);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary file {}", file, e);
        }
    }

    /** Returns how many files exist now. */
    int fileCount() {
        return open.size();
    }

    /** Deletes every file left and the area's directory; the arrays must not be used afterwards. */
    @Override
    public void close() {
        for (Path file : Set.copyOf(open)) {
            delete(file);
        }
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Cannot delete the temporary directory {}", directory, e);
            }
            directory = null;
        }
    }
}
