package org.swhvault.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The store's {@code tmp/} directory, where writers write before publishing. Every open store is an
 * owner: it holds an exclusive lock on {@code tmp/<owner>.lock} for its lifetime and names its temporary
 * files {@code tmp/<owner>-<n>.part}. A file in {@code tmp/} whose owner's lock nobody holds belongs to
 * a store that crashed or was closed, and is removed when a store opens. Several JVMs may share a store.
 */
final class TempArea implements AutoCloseable {
    private static final String LOCK_SUFFIX = ".lock";
    private static final String PART_SUFFIX = ".part";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Owners alive in this JVM. Their lock files must not even be opened here: closing any channel on a
     * file drops every lock this process holds on it.
     */
    private static final Set<String> LIVE_OWNERS = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final String owner;
    private final FileChannel lockChannel;
    private final AtomicLong sequence = new AtomicLong();

    private TempArea(Path dir, String owner, FileChannel lockChannel) {
        this.dir = dir;
        this.owner = owner;
        this.lockChannel = lockChannel;
    }

    /** Creates the directory if needed, removes what dead owners left, and becomes an owner. */
    static TempArea open(Path dir) throws IOException {
        Directories.ensure(dir);
        sweep(dir);
        while (true) {
            String owner = HexFormat.of().formatHex(randomBytes());
            LIVE_OWNERS.add(owner);
            Path lockFile = dir.resolve(owner + LOCK_SUFFIX);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                channel.lock();
                // A sweeper in another JVM may have locked and deleted the new file before we locked it.
                if (Files.exists(lockFile)) {
                    channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                            .getBytes(StandardCharsets.US_ASCII)));
                    return new TempArea(dir, owner, channel);
                }
            } catch (IOException | RuntimeException e) {
                LIVE_OWNERS.remove(owner);
                if (channel != null) {
                    channel.close();
                }
                throw e;
            }
            channel.close();
            LIVE_OWNERS.remove(owner);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Returns a new temporary file path, unique among all owners. */
    Path newPart() {
        return dir.resolve(owner + "-" + sequence.incrementAndGet() + PART_SUFFIX);
    }

    /** Deletes this owner's remaining temporary files and gives up ownership. */
    @Override
    public void close() throws IOException {
        try {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : entries.filter(p -> ownerOf(p).equals(owner)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } finally {
            lockChannel.close();
            LIVE_OWNERS.remove(owner);
        }
    }

    /**
     * Removes every file whose owner is neither alive in this JVM nor holds its lock elsewhere. Sweeps
     * in one JVM take turns, so that two never lock the same file through two channels.
     */
    static synchronized void sweep(Path dir) throws IOException {
        Map<String, List<Path>> byOwner = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> byOwner.computeIfAbsent(ownerOf(p), o -> new ArrayList<>()).add(p));
        }
        for (Map.Entry<String, List<Path>> e : byOwner.entrySet()) {
            if (!LIVE_OWNERS.contains(e.getKey())) {
                sweepOwner(dir.resolve(e.getKey() + LOCK_SUFFIX), e.getValue());
            }
        }
    }

    private static void sweepOwner(Path lockFile, List<Path> files) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            channel = null;
        }
        try (FileChannel c = channel) {
            FileLock lock = c == null ? null : c.tryLock();
            if (c != null && lock == null) {
                return;
            }
            // We hold the dead owner's lock (or it has none): delete its files, the lock file last.
            for (Path p : files) {
                if (!p.equals(lockFile)) {
                    deleteTree(p);
                }
            }
            Files.deleteIfExists(lockFile);
        }
    }

    /** The owner of {@code <owner>.lock} and {@code <owner>-<n>.part}; a stray name owns itself. */
    static String ownerOf(Path file) {
        String name = file.getFileName().toString();
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '.') {
                return name.substring(0, i);
            }
        }
        return name;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
