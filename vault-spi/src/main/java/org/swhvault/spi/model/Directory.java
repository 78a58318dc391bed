package org.swhvault.spi.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * A directory: a list of entries, in the order of the original object. The entries are held packed
 * (see {@link DirectoryEntries}), so that a directory of a million entries takes tens of megabytes,
 * not hundreds.
 *
 * @param id the intrinsic id the object is known under
 * @param entries the entries, always a {@link DirectoryEntries} (other lists are copied into one)
 * @param rawManifest the original git object bytes (header included) when the canonical form cannot
 *     reproduce them (unsorted or duplicate entries, odd modes)
 */
public record Directory(ObjectId id, List<DirectoryEntry> entries, Optional<Bytes> rawManifest) {
    /** Validates the components. */
    public Directory {
        requireNonNull(id, "id is null");
        entries = DirectoryEntries.copyOf(requireNonNull(entries, "entries is null"));
        requireNonNull(rawManifest, "rawManifest is null");
    }

    /**
     * Returns a new canonical directory with its computed id, its entries sorted in git order
     * ({@link Manifests#directoryOrder()}).
     *
     * @param entries the entries, in any order
     * @return the directory
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if a name is empty, contains
     *     {@code /} or NUL, or appears twice
     */
    public static Directory of(List<DirectoryEntry> entries) {
        List<DirectoryEntry> sorted = new ArrayList<>(requireNonNull(entries, "entries is null"));
        for (DirectoryEntry e : sorted) {
            Bytes name = e.name();
            if (name.isEmpty() || name.contains((byte) '/') || name.contains((byte) 0)) {
                throw new VaultException(ErrorCode.INVALID_OBJECT,
                        "directory entry name must be non-empty without '/' or NUL, got '" + name + "'");
            }
        }
        // Sorting by name alone puts equal names next to each other whatever their types.
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new VaultException(ErrorCode.INVALID_OBJECT,
                        "directory has two entries named '" + sorted.get(i).name() + "'; names must be unique");
            }
        }
        sorted.sort(Manifests.directoryOrder());
        return new Directory(Identifiers.directory(sorted), sorted, Optional.empty());
    }
}
