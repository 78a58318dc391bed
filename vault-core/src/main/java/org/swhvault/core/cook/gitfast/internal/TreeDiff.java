package org.swhvault.core.cook.gitfast.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;

/**
 * Turns the difference between a commit's first parent's tree and its own tree into fast-import file
 * commands. Only sub-directories whose ids differ are read. In every directory, the {@code D}
 * commands (removed entries, and entries whose kind changes between file, directory and gitlink) come
 * before the {@code M} commands, so that a file becoming a directory (or the reverse) is removed
 * before its replacement is written; {@code git fast-export} gets this wrong.
 */
final class TreeDiff {
    private final ObjectSource source;
    private final Listings listings;
    private final BlobMarks blobs;

    TreeDiff(ObjectSource source, Listings listings, BlobMarks blobs) {
        this.source = source;
        this.listings = listings;
        this.blobs = blobs;
    }

    /**
     * Adds to {@code changes} what turns the tree {@code oldRoot} into {@code newRoot}.
     *
     * @param oldRoot the first parent's root directory, or null for a root commit (empty tree)
     * @param newRoot the commit's root directory
     */
    void diff(ObjectId oldRoot, ObjectId newRoot, FileChanges changes) {
        if (newRoot.equals(oldRoot)) {
            return;
        }
        Map<ObjectId, Listing> roots = listings.getAll(oldRoot == null ? List.of(newRoot) : List.of(oldRoot, newRoot));
        // An explicit stack, not recursion: a tree may be nested deeper than any thread's stack.
        Deque<Level> levels = new ArrayDeque<>();
        levels.push(open(oldRoot == null ? Listing.NONE : roots.get(oldRoot), roots.get(newRoot), newRoot, true,
                changes, -1));
        while (!levels.isEmpty()) {
            Level level = levels.peek();
            if (level.next == level.pairs.size()) {
                levels.pop();
                if (level.pathBefore >= 0) {
                    changes.leave(level.pathBefore);
                }
                continue;
            }
            DirectoryEntry[] p = level.pairs.get(level.next++);
            DirectoryEntry o = p[0];
            DirectoryEntry n = p[1];
            if (n == null) {
                continue;
            }
            boolean sameKind = o != null && o.type() == n.type();
            if (sameKind && sameTarget(o, n) && (n.type() != EntryType.FILE || mode(o).equals(mode(n)))) {
                continue;
            }
            int before = changes.enter(n.name());
            switch (n.type()) {
                case FILE -> changes.modify(mode(n), blobs.markFor(n.target(), changes));
                case REV -> {
                    if (isUsableGitlink(n.target())) {
                        changes.gitlink(n.target());
                    } else {
                        changes.loss(LossReason.UNUSABLE_GITLINK);
                    }
                }
                case DIR -> {
                    levels.push(open(sameKind ? level.children.get(o.target()) : Listing.NONE,
                            level.children.get(n.target()), n.target(), false, changes, before));
                    continue;
                }
            }
            changes.leave(before);
        }
    }

    /** One directory being compared: its entry pairs, the next to write, its changed subdirectories. */
    private static final class Level {
        final List<DirectoryEntry[]> pairs;
        final Map<ObjectId, Listing> children;
        /** The path length to restore when done, or -1 for the root. */
        final int pathBefore;
        int next;

        Level(List<DirectoryEntry[]> pairs, Map<ObjectId, Listing> children, int pathBefore) {
            this.pairs = pairs;
            this.children = children;
            this.pathBefore = pathBefore;
        }
    }

    /**
     * Starts comparing one directory: records its losses, checks its names, writes its {@code D}
     * commands and reads the listings of its changed subdirectories.
     */
    private Level open(Listing old, Listing now, ObjectId nowId, boolean root, FileChanges changes, int pathBefore) {
        if (now.missing()) {
            changes.loss(LossReason.MISSING_DIRECTORY);
        } else if (now.entries().isEmpty() && !root) {
            changes.loss(LossReason.EMPTY_DIRECTORY);
        }
        if (now.nonCanonical()) {
            changes.loss(LossReason.NON_CANONICAL_DIRECTORY);
        }
        List<DirectoryEntry[]> pairs = pair(old.entries(), now.entries());
        List<ObjectId> subdirectories = new ArrayList<>();
        for (DirectoryEntry[] p : pairs) {
            DirectoryEntry o = p[0];
            DirectoryEntry n = p[1];
            if (n == null) {
                continue;
            }
            Paths.checkName(n.name(), nowId);
            if (isOddMode(n)) {
                changes.loss(LossReason.ODD_MODE);
            }
            if (n.type() == EntryType.DIR && (o == null || !sameTarget(o, n))) {
                subdirectories.add(n.target());
                if (o != null && o.type() == EntryType.DIR) {
                    subdirectories.add(o.target());
                }
            }
        }
        for (DirectoryEntry[] p : pairs) {
            if (p[0] != null && (p[1] == null || p[0].type() != p[1].type())) {
                int before = changes.enter(p[0].name());
                changes.delete();
                changes.leave(before);
            }
        }
        Map<ObjectId, Listing> children = subdirectories.isEmpty() ? Map.of() : listings.getAll(subdirectories);
        return new Level(pairs, children, pathBefore);
    }

    /**
     * fast-import aborts the whole import on a gitlink to an object it wrote that is not a commit; a
     * gitlink to a content or a directory of the archive may be one of those.
     */
    private boolean isUsableGitlink(ObjectId target) {
        return !blobs.contains(target) && source.content(target).isEmpty() && source.directory(target).isEmpty();
    }

    /** Pairs entries of the same name; a side is null where the name is absent. */
    private static List<DirectoryEntry[]> pair(List<DirectoryEntry> old, List<DirectoryEntry> now) {
        List<DirectoryEntry[]> pairs = new ArrayList<>(Math.max(old.size(), now.size()));
        int i = 0;
        int j = 0;
        while (i < old.size() || j < now.size()) {
            int cmp = i == old.size() ? 1 : j == now.size() ? -1 : old.get(i).name().compareTo(now.get(j).name());
            if (cmp < 0) {
                pairs.add(new DirectoryEntry[] {old.get(i++), null});
            } else if (cmp > 0) {
                pairs.add(new DirectoryEntry[] {null, now.get(j++)});
            } else {
                pairs.add(new DirectoryEntry[] {old.get(i++), now.get(j++)});
            }
        }
        return pairs;
    }

    private static boolean sameTarget(DirectoryEntry a, DirectoryEntry b) {
        return a.type() == b.type() && a.target().equals(b.target());
    }

    /** The mode fast-import writes for a file: symlink, executable when any x bit is set, else regular. */
    static String mode(DirectoryEntry file) {
        if (file.perms() == DirectoryEntry.SYMLINK_PERMS) {
            return "120000";
        }
        return (file.perms() & 0111) != 0 ? "100755" : "100644";
    }

    private static boolean isOddMode(DirectoryEntry e) {
        int p = e.perms();
        return switch (e.type()) {
            case FILE -> p != DirectoryEntry.FILE_PERMS && p != DirectoryEntry.EXECUTABLE_PERMS
                    && p != DirectoryEntry.SYMLINK_PERMS;
            case DIR -> p != DirectoryEntry.DIRECTORY_PERMS;
            case REV -> p != DirectoryEntry.REVISION_PERMS;
        };
    }
}
