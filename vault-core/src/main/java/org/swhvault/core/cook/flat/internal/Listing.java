package org.swhvault.core.cook.flat.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * A directory's entries in bundle order (by name as unsigned bytes, not git's order, which sorts a
 * directory {@code a} as {@code a/}), every name checked safe to extract and unique.
 *
 * @param id the directory id
 * @param entries the entries, sorted by name
 * @param found whether the source has the directory (a missing one is written empty)
 */
record Listing(ObjectId id, List<DirectoryEntry> entries, boolean found) {
    private static final Comparator<DirectoryEntry> BY_NAME = Comparator.comparing(DirectoryEntry::name);

    Listing {
        entries = List.copyOf(entries);
    }

    /** The listing of a directory the source does not have. */
    static Listing missing(ObjectId id) {
        return new Listing(id, List.of(), false);
    }

    /**
     * Sorts and checks a directory's entries.
     *
     * @throws VaultException with {@link ErrorCode#CORRUPT_OBJECT} naming the first unsafe or repeated name
     */
    static Listing of(Directory directory) {
        List<DirectoryEntry> sorted = new ArrayList<>(directory.entries());
        sorted.sort(BY_NAME);
        for (int i = 0; i < sorted.size(); i++) {
            DirectoryEntry entry = sorted.get(i);
            String problem = EntryNames.problem(entry.name());
            if (problem != null) {
                throw refuse(directory.id(), entry, "has an entry named '" + EntryNames.display(entry.name())
                        + "' (" + problem + ")");
            }
            if (i > 0 && sorted.get(i - 1).name().equals(entry.name())) {
                // Two members of one name let a symlink be followed by a file written through it.
                throw refuse(directory.id(), entry, "has two entries named '" + EntryNames.display(entry.name())
                        + "'");
            }
        }
        return new Listing(directory.id(), sorted, true);
    }

    /** Returns the number of entries plus one, the cache weight of this listing. */
    int weight() {
        return entries.size() + 1;
    }

    private static VaultException refuse(ObjectId dir, DirectoryEntry entry, String what) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, "Directory " + Swhid.of(ObjectType.DIRECTORY, dir)
                + " " + what + ", which cannot be written safely to a flat bundle.");
    }
}
