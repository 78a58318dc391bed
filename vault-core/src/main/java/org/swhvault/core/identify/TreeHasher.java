package org.swhvault.core.identify;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;

/**
 * Walks a directory tree on the calling thread and hashes its regular files on an executor, the way
 * {@code swh identify} does: symlinks are not followed (their content is the target), empty
 * directories are kept, special files count as empty contents. Directory ids are computed as soon as
 * all their entries are known, so walking and hashing overlap. When several entries fail, the error
 * reported is always that of the first failing entry in a depth-first walk in name order.
 */
final class TreeHasher {
    private static final Set<PosixFilePermission> EXECUTE = Set.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private final Executor executor;
    private final Supplier<BlobHasher> hashers;
    private final List<GlobPattern> excludes;

    TreeHasher(Executor executor, Supplier<BlobHasher> hashers, List<GlobPattern> excludes) {
        this.executor = executor;
        this.hashers = hashers;
        this.excludes = excludes;
    }

    /** Returns the future id of the directory {@code dir}; {@code relative} is its path from the root. */
    CompletableFuture<ObjectId> directory(Path dir, String relative) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(DiskErrors.wrap(dir, e));
        }
        children.sort(null);
        List<PendingEntry> entries = new ArrayList<>(children.size());
        for (Path child : children) {
            PendingEntry entry = entry(child, relative);
            if (entry != null) {
                entries.add(entry);
            }
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[entries.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = entries.get(i).target;
        }
        return CompletableFuture.allOf(all).handle((ignored, failure) -> directoryId(entries));
    }

    private PendingEntry entry(Path child, String relative) {
        byte[] name;
        BasicFileAttributes attrs;
        try {
            name = FileNames.nameBytes(child);
            attrs = readAttributes(child);
        } catch (IOException | RuntimeException e) {
            return new PendingEntry(Bytes.EMPTY, EntryType.FILE, 0,
                    CompletableFuture.failedFuture(DiskErrors.wrap(child, e)));
        }
        if (attrs.isDirectory()) {
            String path = null;
            if (!excludes.isEmpty()) {
                String childName = child.getFileName().toString();
                path = relative.isEmpty() ? childName : relative + "/" + childName;
                if (excluded(path)) {
                    return null;
                }
            }
            return new PendingEntry(Bytes.wrap(name), EntryType.DIR, DirectoryEntry.DIRECTORY_PERMS,
                    directory(child, path));
        }
        if (attrs.isSymbolicLink()) {
            return new PendingEntry(Bytes.wrap(name), EntryType.FILE, DirectoryEntry.SYMLINK_PERMS,
                    symlink(child));
        }
        int perms = executable(attrs) ? DirectoryEntry.EXECUTABLE_PERMS : DirectoryEntry.FILE_PERMS;
        CompletableFuture<ObjectId> target = attrs.isRegularFile()
                ? CompletableFuture.supplyAsync(() -> hashFile(child), executor)
                : CompletableFuture.completedFuture(DiskIdentifier.EMPTY_CONTENT);
        return new PendingEntry(Bytes.wrap(name), EntryType.FILE, perms, target);
    }

    private boolean excluded(String path) {
        for (GlobPattern pattern : excludes) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private CompletableFuture<ObjectId> symlink(Path link) {
        try {
            byte[] target = FileNames.bytes(Files.readSymbolicLink(link), link);
            return CompletableFuture.completedFuture(hashers.get().hashBytes(target, 0, target.length));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(DiskErrors.wrap(link, e));
        }
    }

    private ObjectId hashFile(Path file) {
        try {
            return hashers.get().hashFile(file);
        } catch (IOException | RuntimeException e) {
            throw DiskErrors.wrap(file, e);
        }
    }

    private static ObjectId directoryId(List<PendingEntry> pending) {
        List<DirectoryEntry> entries = new ArrayList<>(pending.size());
        for (PendingEntry p : pending) {
            // join() rethrows the first failure in name order, whichever thread failed first
            entries.add(new DirectoryEntry(p.name, p.type, p.perms, p.target.join()));
        }
        return DirectoryIds.of(entries);
    }

    static BasicFileAttributes readAttributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    static boolean executable(BasicFileAttributes attrs) {
        if (attrs instanceof PosixFileAttributes posix) {
            for (PosixFilePermission p : posix.permissions()) {
                if (EXECUTE.contains(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private record PendingEntry(Bytes name, EntryType type, int perms, CompletableFuture<ObjectId> target) {
    }
}
