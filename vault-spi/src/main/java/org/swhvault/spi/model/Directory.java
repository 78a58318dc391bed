package org.swhvault.spi.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A directory: a list of entries, in the order of the original object.
 *
 * @param id the intrinsic id the object is known under
 * @param entries the entries
 * @param rawManifest the original git object bytes (header included) when the canonical form cannot
 *     reproduce them (unsorted or duplicate entries, odd modes)
 */
public record Directory(ObjectId id, List<DirectoryEntry> entries, Optional<Bytes> rawManifest) {
    /** Validates the components. */
    public Directory {
        requireNonNull(id, "id is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        requireNonNull(rawManifest, "rawManifest is null");
    }
}
