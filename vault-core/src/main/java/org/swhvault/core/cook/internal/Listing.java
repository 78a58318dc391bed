package org.swhvault.core.cook.internal;

import java.util.List;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntries;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;

/**
 * A directory's entries in name order (unsigned bytes, not git's order, which sorts a directory
 * {@code a} as {@code a/}), every name checked by {@link EntryNames} and unique. It keeps the
 * directory's packed entries and, unless they already are in name order, one int per entry, so a
 * listing of a million entries takes tens of megabytes. Immutable.
 */
public final class Listing {
    /** The listing of a directory the source does not have: no entries. */
    public static final Listing MISSING = new Listing(DirectoryEntries.copyOf(List.of()), null, false, false);
    /** The listing of nothing: the tree before a root commit, or before a directory appears. */
    public static final Listing NONE = new Listing(MISSING.entries, null, true, false);

    private final DirectoryEntries entries;
    /** The positions in {@link #entries} in name order, or null when that is their own order. */
    private final int[] order;
    private final boolean found;
    private final boolean nonCanonical;

    private Listing(DirectoryEntries entries, int[] order, boolean found, boolean nonCanonical) {
        this.entries = entries;
        this.order = order;
        this.found = found;
        this.nonCanonical = nonCanonical;
    }

    /**
     * Sorts and checks a directory's entries.
     *
     * @param directory the directory
     * @return its listing
     * @throws VaultException with {@link ErrorCode#CORRUPT_OBJECT} naming the first unsafe or repeated name
     */
    public static Listing of(Directory directory) {
        DirectoryEntries entries = DirectoryEntries.copyOf(directory.entries());
        int n = entries.size();
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = entries.compareNames(i - 1, i) < 0;
        }
        int[] order = sorted ? null : IndexSort.sort(n, entries::compareNames);
        Listing listing = new Listing(entries, order, true, directory.rawManifest().isPresent());
        for (int i = 0; i < n; i++) {
            Bytes name = listing.name(i);
            String problem = EntryNames.problem(name);
            if (problem != null) {
                throw EntryNames.unsafe(directory.id(), name, problem);
            }
            if (i > 0 && entries.compareNames(listing.position(i - 1), listing.position(i)) == 0) {
                throw EntryNames.repeated(directory.id(), name);
            }
        }
        return listing;
    }

    /** Returns whether the source has the directory (a missing one has no entries). */
    public boolean found() {
        return found;
    }

    /** Returns whether the directory's object is not the canonical form of its entries (it has a raw manifest). */
    public boolean nonCanonical() {
        return nonCanonical;
    }

    /** Returns how many entries there are. */
    public int size() {
        return entries.size();
    }

    /** Returns entry {@code i} in name order, a new record on each call. */
    public DirectoryEntry entry(int i) {
        return entries.get(position(i));
    }

    /** Returns the name of entry {@code i} in name order. */
    public Bytes name(int i) {
        return entries.name(position(i));
    }

    /** Returns the type of entry {@code i} in name order. */
    public EntryType type(int i) {
        return entries.type(position(i));
    }

    /** Returns the git mode of entry {@code i} in name order. */
    public int perms(int i) {
        return entries.perms(position(i));
    }

    /** Returns the target of entry {@code i} in name order. */
    public ObjectId target(int i) {
        return entries.target(position(i));
    }

    /** Returns the number of entries plus one, the weight of this listing in a cache. */
    public int weight() {
        return entries.size() + 1;
    }

    private int position(int i) {
        return order == null ? i : order[i];
    }
}
