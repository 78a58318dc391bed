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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;

/**
 * Walks a directory tree on the calling thread, hashing its regular files on an executor in batches
 * as they are found, then computes the directory ids bottom-up, the way {@code swh identify} does:
 * symlinks are not followed (their content is the target), empty directories are kept, special
 * files count as empty contents. Failures are recorded where they happen and the one reported is
 * always the first in a depth-first walk in name order, whatever the scheduling. One use per
 * instance; not thread-safe.
 */
final class TreeHasher {
    /** Batches amortise task hand-over for small files; large files go alone. */
    private static final int BATCH_FILES = 64;
    private static final long BATCH_BYTES = 4L * 1024 * 1024;

    private final Executor executor;
    private final Supplier<BlobHasher> hashers;
    private final List<GlobPattern> excludes;
    private final List<CompletableFuture<Void>> batches = new ArrayList<>();
    private List<FileNode> batch = new ArrayList<>();
    private long batchBytes;

    TreeHasher(Executor executor, Supplier<BlobHasher> hashers, List<GlobPattern> excludes) {
        this.executor = executor;
        this.hashers = hashers;
        this.excludes = excludes;
    }

    /**
     * Returns the id of the tree rooted at {@code root}.
     *
     * @throws VaultException the first failure in name order
     */
    ObjectId hash(Path root) {
        DirNode tree = walk(root, "", Bytes.EMPTY);
        submitBatch();
        CompletableFuture.allOf(batches.toArray(CompletableFuture<?>[]::new)).join();
        return tree.id();
    }

    private DirNode walk(Path dir, String relative, Bytes name) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException | RuntimeException e) {
            return new DirNode(name, List.of(), DiskErrors.wrap(dir, e));
        }
        children.sort(null);
        List<Node> nodes = new ArrayList<>(children.size());
        for (Path child : children) {
            Node node = node(child, relative);
            if (node != null) {
                nodes.add(node);
            }
        }
        return new DirNode(name, nodes, null);
    }

    private Node node(Path child, String relative) {
        Bytes name;
        BasicFileAttributes attrs;
        try {
            name = Bytes.wrap(FileNames.nameBytes(child));
            attrs = readAttributes(child);
        } catch (IOException | RuntimeException e) {
            return FileNode.failed(DiskErrors.wrap(child, e));
        }
        if (attrs.isDirectory()) {
            String path = relative;
            if (!excludes.isEmpty()) {
                String childName = child.getFileName().toString();
                path = relative.isEmpty() ? childName : relative + "/" + childName;
                if (excluded(path)) {
                    return null;
                }
            }
            return walk(child, path, name);
        }
        if (attrs.isSymbolicLink()) {
            FileNode link = new FileNode(name, DirectoryEntry.SYMLINK_PERMS, null);
            try {
                byte[] target = FileNames.bytes(Files.readSymbolicLink(child), child);
                link.id = hashers.get().hashBytes(target, 0, target.length);
            } catch (IOException | RuntimeException e) {
                link.failure = DiskErrors.wrap(child, e);
            }
            return link;
        }
        int perms = executable(attrs) ? DirectoryEntry.EXECUTABLE_PERMS : DirectoryEntry.FILE_PERMS;
        if (!attrs.isRegularFile()) {
            FileNode special = new FileNode(name, perms, null);
            special.id = DiskIdentifier.EMPTY_CONTENT;
            return special;
        }
        FileNode file = new FileNode(name, perms, child);
        batch.add(file);
        batchBytes += attrs.size();
        if (batch.size() >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
            submitBatch();
        }
        return file;
    }

    private void submitBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<FileNode> files = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        batches.add(CompletableFuture.runAsync(() -> hashAll(files), executor));
    }

    private void hashAll(List<FileNode> files) {
        BlobHasher hasher = hashers.get();
        for (FileNode file : files) {
            try {
                file.id = hasher.hashFile(file.path);
            } catch (IOException | RuntimeException e) {
                file.failure = DiskErrors.wrap(file.path, e);
            }
            file.path = null;
        }
    }

    private boolean excluded(String path) {
        for (GlobPattern pattern : excludes) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    static BasicFileAttributes readAttributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Any execute bit, as {@code swh identify} (git only looks at the owner's). */
    static boolean executable(BasicFileAttributes attrs) {
        if (attrs instanceof PosixFileAttributes posix) {
            for (PosixFilePermission p : posix.permissions()) {
                if (p == PosixFilePermission.OWNER_EXECUTE || p == PosixFilePermission.GROUP_EXECUTE
                        || p == PosixFilePermission.OTHERS_EXECUTE) {
                    return true;
                }
            }
        }
        return false;
    }

    private abstract static class Node {
        final Bytes name;

        Node(Bytes name) {
            this.name = name;
        }

        abstract DirectoryEntry entry();
    }

    /** A content entry; {@code id} and {@code failure} are written by a hashing task before its batch completes. */
    private static final class FileNode extends Node {
        final int perms;
        Path path;
        ObjectId id;
        VaultException failure;

        FileNode(Bytes name, int perms, Path path) {
            super(name);
            this.perms = perms;
            this.path = path;
        }

        static FileNode failed(VaultException failure) {
            FileNode node = new FileNode(Bytes.EMPTY, 0, null);
            node.failure = failure;
            return node;
        }

        @Override
        DirectoryEntry entry() {
            if (failure != null) {
                throw failure;
            }
            return new DirectoryEntry(name, EntryType.FILE, perms, id);
        }
    }

    private static final class DirNode extends Node {
        final List<Node> children;
        final VaultException failure;

        DirNode(Bytes name, List<Node> children, VaultException failure) {
            super(name);
            this.children = children;
            this.failure = failure;
        }

        ObjectId id() {
            if (failure != null) {
                throw failure;
            }
            List<DirectoryEntry> entries = new ArrayList<>(children.size());
            for (Node child : children) {
                entries.add(child.entry());
            }
            return Identifiers.directory(entries);
        }

        @Override
        DirectoryEntry entry() {
            return new DirectoryEntry(name, EntryType.DIR, DirectoryEntry.DIRECTORY_PERMS, id());
        }
    }
}
