package org.swhvault.core.cook.gitfast.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;

/**
 * A directory's entries sorted by raw name (unsigned bytes), each name once, so that two listings can
 * be walked side by side.
 *
 * @param entries the entries, sorted by name, without duplicate names
 * @param missing whether the source does not have the directory (then there are no entries)
 * @param nonCanonical whether the original object is not what fast-import would write for these
 *     entries (it has a raw manifest, or duplicate names of which only the first is kept)
 */
record Listing(List<DirectoryEntry> entries, boolean missing, boolean nonCanonical) {
    /** The listing of a directory the source does not have. */
    static final Listing MISSING = new Listing(List.of(), true, false);
    /** The listing of nothing: the tree before a root commit, or before a directory appears. */
    static final Listing NONE = new Listing(List.of(), false, false);

    private static final Comparator<DirectoryEntry> BY_NAME = Comparator.comparing(DirectoryEntry::name);

    Listing {
        entries = List.copyOf(entries);
    }

    /** Returns the listing of a directory. */
    static Listing of(Directory directory) {
        List<DirectoryEntry> sorted = new ArrayList<>(directory.entries());
        sorted.sort(BY_NAME);
        boolean duplicates = false;
        List<DirectoryEntry> unique = new ArrayList<>(sorted.size());
        for (DirectoryEntry e : sorted) {
            if (!unique.isEmpty() && unique.get(unique.size() - 1).name().equals(e.name())) {
                duplicates = true;
            } else {
                unique.add(e);
            }
        }
        return new Listing(unique, false, duplicates || directory.rawManifest().isPresent());
    }

    /** Returns a rough weight for the cache: the number of entries, at least 1. */
    int weight() {
        return Math.max(1, entries.size());
    }
}
