package org.swhvault.core.cook.gitfast.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.core.cook.internal.Listing;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

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
        levels.push(open(oldRoot == null ? Listing.NONE : roots.get(oldRoot), roots.get(newRoot), true, changes, -1));
        while (!levels.isEmpty()) {
            Level level = levels.peek();
            Pairs p = level.pairs;
            if (!p.next()) {
                levels.pop();
                if (level.pathBefore >= 0) {
                    changes.leave(level.pathBefore);
                }
                continue;
            }
            if (p.now < 0) {
                continue;
            }
            Listing now = p.nowListing;
            EntryType type = now.type(p.now);
            boolean sameKind = p.old >= 0 && p.oldListing.type(p.old) == type;
            if (sameKind && p.sameTarget() && (type != EntryType.FILE
                    || mode(p.oldListing.perms(p.old)).equals(mode(now.perms(p.now))))) {
                continue;
            }
            int before = changes.enter(now.name(p.now));
            ObjectId target = now.target(p.now);
            switch (type) {
                case FILE -> changes.modify(mode(now.perms(p.now)), blobs.markFor(target, changes));
                case REV -> {
                    if (isUsableGitlink(target)) {
                        changes.gitlink(target);
                    } else {
                        changes.loss(LossReason.UNUSABLE_GITLINK);
                    }
                }
                case DIR -> {
                    levels.push(open(sameKind ? level.children.get(p.oldListing.target(p.old)) : Listing.NONE,
                            level.children.get(target), false, changes, before));
                    continue;
                }
            }
            changes.leave(before);
        }
    }

    /** One directory being compared: where its entry pairs are, its changed subdirectories. */
    private static final class Level {
        final Pairs pairs;
        final Map<ObjectId, Listing> children;
        /** The path length to restore when done, or -1 for the root. */
        final int pathBefore;

        Level(Pairs pairs, Map<ObjectId, Listing> children, int pathBefore) {
            this.pairs = pairs;
            this.children = children;
            this.pathBefore = pathBefore;
        }
    }

    /**
     * Starts comparing one directory: records its losses, writes its {@code D} commands and reads the
     * listings of its changed subdirectories.
     */
    private Level open(Listing old, Listing now, boolean root, FileChanges changes, int pathBefore) {
        if (!now.found()) {
            changes.loss(LossReason.MISSING_DIRECTORY);
        } else if (now.size() == 0 && !root) {
            changes.loss(LossReason.EMPTY_DIRECTORY);
        }
        if (now.nonCanonical()) {
            changes.loss(LossReason.NON_CANONICAL_DIRECTORY);
        }
        List<ObjectId> subdirectories = new ArrayList<>();
        Pairs p = new Pairs(old, now);
        while (p.next()) {
            if (p.now < 0) {
                continue;
            }
            EntryType type = now.type(p.now);
            if (isOddMode(type, now.perms(p.now))) {
                changes.loss(LossReason.ODD_MODE);
            }
            if (type == EntryType.DIR && (p.old < 0 || !p.sameTarget())) {
                subdirectories.add(now.target(p.now));
                if (p.old >= 0 && old.type(p.old) == EntryType.DIR) {
                    subdirectories.add(old.target(p.old));
                }
            }
        }
        p = new Pairs(old, now);
        while (p.next()) {
            if (p.old >= 0 && (p.now < 0 || old.type(p.old) != now.type(p.now))) {
                int before = changes.enter(old.name(p.old));
                changes.delete();
                changes.leave(before);
            }
        }
        Map<ObjectId, Listing> children = subdirectories.isEmpty() ? Map.of() : listings.getAll(subdirectories);
        return new Level(new Pairs(old, now), children, pathBefore);
    }

    /**
     * fast-import aborts the whole import on a gitlink to an object it wrote that is not a commit; a
     * gitlink to a content or a directory of the archive may be one of those. Asked as existence, which
     * a mirror's complete view answers as it is rather than waiting for a directory that is no tree.
     */
    private boolean isUsableGitlink(ObjectId target) {
        return !blobs.contains(target) && !source.exists(Swhid.of(ObjectType.CONTENT, target))
                && !source.exists(Swhid.of(ObjectType.DIRECTORY, target));
    }

    /**
     * Walks two listings side by side by name: each step gives the position of a name in the old
     * listing, the new one, or both; -1 where the name is absent.
     */
    private static final class Pairs {
        final Listing oldListing;
        final Listing nowListing;
        private int i;
        private int j;
        int old;
        int now;

        Pairs(Listing oldListing, Listing nowListing) {
            this.oldListing = oldListing;
            this.nowListing = nowListing;
        }

        boolean next() {
            boolean oldLeft = i < oldListing.size();
            boolean nowLeft = j < nowListing.size();
            if (!oldLeft && !nowLeft) {
                return false;
            }
            int cmp = !oldLeft ? 1 : !nowLeft ? -1 : oldListing.name(i).compareTo(nowListing.name(j));
            old = cmp <= 0 ? i++ : -1;
            now = cmp >= 0 ? j++ : -1;
            return true;
        }

        /** Returns whether both sides are present, of one type, with one target. */
        boolean sameTarget() {
            return old >= 0 && now >= 0 && oldListing.type(old) == nowListing.type(now)
                    && oldListing.target(old).equals(nowListing.target(now));
        }
    }

    /** The mode fast-import writes for a file: symlink, executable when any x bit is set, else regular. */
    static String mode(int perms) {
        if (perms == DirectoryEntry.SYMLINK_PERMS) {
            return "120000";
        }
        return (perms & 0111) != 0 ? "100755" : "100644";
    }

    private static boolean isOddMode(EntryType type, int p) {
        return switch (type) {
            case FILE -> p != DirectoryEntry.FILE_PERMS && p != DirectoryEntry.EXECUTABLE_PERMS
                    && p != DirectoryEntry.SYMLINK_PERMS;
            case DIR -> p != DirectoryEntry.DIRECTORY_PERMS;
            case REV -> p != DirectoryEntry.REVISION_PERMS;
        };
    }
}
