package org.swhvault.core.source.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;

/**
 * Describes the entries of a directory, by path ({@code file("src/main.c", …)} creates {@code src})
 * or by nesting ({@code directory("src", src -> src.file("main.c", …))}); both can be mixed. Paths
 * are {@code /}-separated names, given as UTF-8 text or as raw bytes; a name that itself contains
 * {@code /} can only be made with {@link #entry(Bytes, EntryType, int, ObjectId)}. Every content
 * given with its bytes is added to the archive (visible, hidden or absent), except with
 * {@code missingFile}.
 *
 * <p>Entries are sorted in git order when the directory is built; giving the same path twice is an
 * error.
 */
public final class TreeBuilder {
    private record Leaf(EntryType type, int perms, ObjectId target) {
    }

    private final MemorySourceBuilder archive;
    private final Map<Bytes, Object> children = new LinkedHashMap<>();

    TreeBuilder(MemorySourceBuilder archive) {
        this.archive = archive;
    }

    /**
     * Adds a regular file (mode {@code 100644}).
     *
     * @param path the file's path
     * @param text the content, as UTF-8
     * @return this builder
     */
    public TreeBuilder file(String path, String text) {
        return file(path, utf8(text));
    }

    /**
     * Adds a regular file (mode {@code 100644}).
     *
     * @param path the file's path
     * @param bytes the content
     * @return this builder
     */
    public TreeBuilder file(String path, byte[] bytes) {
        return file(Bytes.utf8(path), bytes);
    }

    /**
     * Adds a regular file under a path given as bytes (for names that are not UTF-8).
     *
     * @param path the file's path, {@code /}-separated
     * @param bytes the content
     * @return this builder
     */
    public TreeBuilder file(Bytes path, byte[] bytes) {
        return put(path, new Leaf(EntryType.FILE, DirectoryEntry.FILE_PERMS, archive.content(bytes)));
    }

    /**
     * Adds an executable file (mode {@code 100755}).
     *
     * @param path the file's path
     * @param text the content, as UTF-8
     * @return this builder
     */
    public TreeBuilder executable(String path, String text) {
        return executable(path, utf8(text));
    }

    /**
     * Adds an executable file (mode {@code 100755}).
     *
     * @param path the file's path
     * @param bytes the content
     * @return this builder
     */
    public TreeBuilder executable(String path, byte[] bytes) {
        return put(Bytes.utf8(path), new Leaf(EntryType.FILE, DirectoryEntry.EXECUTABLE_PERMS, archive.content(bytes)));
    }

    /**
     * Adds a symbolic link (mode {@code 120000}) whose content is the target path.
     *
     * @param path the link's path
     * @param target where it points, as UTF-8
     * @return this builder
     */
    public TreeBuilder symlink(String path, String target) {
        return put(Bytes.utf8(path), new Leaf(EntryType.FILE, DirectoryEntry.SYMLINK_PERMS, archive.content(target)));
    }

    /**
     * Adds a regular file whose content is hidden: known to the archive, bytes not served.
     *
     * @param path the file's path
     * @param text the content it has, as UTF-8
     * @return this builder
     */
    public TreeBuilder hiddenFile(String path, String text) {
        return hiddenFile(path, utf8(text));
    }

    /**
     * Adds a regular file whose content is hidden: known to the archive, bytes not served.
     *
     * @param path the file's path
     * @param bytes the content it has (only its id and length are kept)
     * @return this builder
     */
    public TreeBuilder hiddenFile(String path, byte[] bytes) {
        return put(Bytes.utf8(path), new Leaf(EntryType.FILE, DirectoryEntry.FILE_PERMS,
                archive.hiddenContent(bytes)));
    }

    /**
     * Adds a regular file whose content is absent: skipped by the archive, metadata only.
     *
     * @param path the file's path
     * @param text the content it has, as UTF-8
     * @return this builder
     */
    public TreeBuilder absentFile(String path, String text) {
        return absentFile(path, utf8(text));
    }

    /**
     * Adds a regular file whose content is absent: skipped by the archive, metadata only.
     *
     * @param path the file's path
     * @param bytes the content it has (only its id and length are kept)
     * @return this builder
     */
    public TreeBuilder absentFile(String path, byte[] bytes) {
        return put(Bytes.utf8(path), new Leaf(EntryType.FILE, DirectoryEntry.FILE_PERMS,
                archive.absentContent(bytes)));
    }

    /**
     * Adds a regular file whose content the archive does not know at all (missing).
     *
     * @param path the file's path
     * @param text the content it has, as UTF-8 (only its id is used)
     * @return this builder
     */
    public TreeBuilder missingFile(String path, String text) {
        return put(Bytes.utf8(path), new Leaf(EntryType.FILE, DirectoryEntry.FILE_PERMS,
                MemorySourceBuilder.blobId(utf8(text))));
    }

    /**
     * Adds an empty directory (or does nothing if {@code path} is already a directory being built).
     *
     * @param path the directory's path
     * @return this builder
     */
    public TreeBuilder emptyDirectory(String path) {
        subtree(split(Bytes.utf8(path)), 0);
        return this;
    }

    /**
     * Describes a subdirectory; its entries can also be given by path from this builder.
     *
     * @param path the subdirectory's path
     * @param entries describes its entries
     * @return this builder
     */
    public TreeBuilder directory(String path, Consumer<TreeBuilder> entries) {
        return directory(Bytes.utf8(path), entries);
    }

    /**
     * Describes a subdirectory under a path given as bytes.
     *
     * @param path the subdirectory's path, {@code /}-separated
     * @param entries describes its entries
     * @return this builder
     */
    public TreeBuilder directory(Bytes path, Consumer<TreeBuilder> entries) {
        entries.accept(subtree(split(path), 0));
        return this;
    }

    /**
     * Adds a directory entry pointing to a directory by id (which may be missing from the archive).
     *
     * @param path the entry's path
     * @param directory the directory id
     * @return this builder
     */
    public TreeBuilder directory(String path, ObjectId directory) {
        return put(Bytes.utf8(path), new Leaf(EntryType.DIR, DirectoryEntry.DIRECTORY_PERMS, directory));
    }

    /**
     * Adds a submodule (mode {@code 160000}) pointing to a revision, usually one not in the archive.
     *
     * @param path the submodule's path
     * @param revision the revision id
     * @return this builder
     */
    public TreeBuilder submodule(String path, ObjectId revision) {
        return put(Bytes.utf8(path), new Leaf(EntryType.REV, DirectoryEntry.REVISION_PERMS, revision));
    }

    /**
     * Adds any entry, with any mode, at a path.
     *
     * @param path the entry's path
     * @param type what it points to
     * @param perms its mode, kept as given (for example {@code 0100664})
     * @param target the target id
     * @return this builder
     */
    public TreeBuilder entry(String path, EntryType type, int perms, ObjectId target) {
        return put(Bytes.utf8(path), new Leaf(type, perms, target));
    }

    /**
     * Adds any entry to this directory under a name taken as is, never split: it may contain
     * {@code /}, be empty, or be {@code ..}.
     *
     * @param name the entry's name
     * @param type what it points to
     * @param perms its mode, kept as given
     * @param target the target id
     * @return this builder
     */
    public TreeBuilder entry(Bytes name, EntryType type, int perms, ObjectId target) {
        if (children.putIfAbsent(name, new Leaf(type, perms, target)) != null) {
            throw new IllegalArgumentException("entry '" + name + "' is given twice");
        }
        return this;
    }

    /** Builds every subdirectory, then this one; adds them to the archive and returns this one's id. */
    ObjectId build() {
        List<DirectoryEntry> entries = new ArrayList<>(children.size());
        for (Map.Entry<Bytes, Object> child : children.entrySet()) {
            if (child.getValue() instanceof Leaf leaf) {
                entries.add(new DirectoryEntry(child.getKey(), leaf.type(), leaf.perms(), leaf.target()));
            } else {
                ObjectId id = ((TreeBuilder) child.getValue()).build();
                entries.add(new DirectoryEntry(child.getKey(), EntryType.DIR, DirectoryEntry.DIRECTORY_PERMS, id));
            }
        }
        // Not Directory.of: fixtures may hold names the model refuses (empty, with '/'), for the
        // consumers that must cope with them.
        entries.sort(Manifests.directoryOrder());
        return archive.add(new Directory(Identifiers.directory(entries), entries, Optional.empty()));
    }

    private TreeBuilder put(Bytes path, Leaf leaf) {
        List<Bytes> names = split(path);
        TreeBuilder parent = subtree(names, 1);
        Bytes name = names.get(names.size() - 1);
        if (parent.children.putIfAbsent(name, leaf) != null) {
            throw new IllegalArgumentException("path '" + path + "' is given twice");
        }
        return this;
    }

    /** Returns the builder of the directory named by all but the last {@code keep} names. */
    private TreeBuilder subtree(List<Bytes> names, int keep) {
        TreeBuilder current = this;
        for (int i = 0; i < names.size() - keep; i++) {
            Object child = current.children.computeIfAbsent(names.get(i), n -> new TreeBuilder(archive));
            if (!(child instanceof TreeBuilder sub)) {
                throw new IllegalArgumentException("'" + names.get(i) + "' is already an entry that is not "
                        + "a directory being built");
            }
            current = sub;
        }
        return current;
    }

    private static List<Bytes> split(Bytes path) {
        byte[] bytes = path.toByteArray();
        List<Bytes> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                if (i == start) {
                    throw new IllegalArgumentException("path '" + path + "' has an empty name; use "
                            + "entry(Bytes, …) for names that are empty or contain '/'");
                }
                names.add(Bytes.of(bytes, start, i - start));
                start = i + 1;
            }
        }
        return names;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
