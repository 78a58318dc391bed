package org.swhvault.spi.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A revision (a git commit).
 *
 * @param id the intrinsic id the object is known under
 * @param directory the root directory
 * @param parents the parents, in order
 * @param author the author, if any
 * @param date the author date, if any (only with an author)
 * @param committer the committer, if any
 * @param committerDate the committer date, if any (only with a committer)
 * @param extraHeaders extra headers after the committer line, in order
 * @param message the message; empty means none at all (no blank line), an empty byte string means an
 *     empty message
 * @param type where the revision comes from (not hashed)
 * @param synthetic whether the archive made this revision up (not hashed)
 * @param rawManifest the original object bytes (header included) when the canonical form cannot
 *     reproduce them
 */
public record Revision(
        ObjectId id,
        ObjectId directory,
        List<ObjectId> parents,
        Optional<Person> author,
        Optional<Timestamp> date,
        Optional<Person> committer,
        Optional<Timestamp> committerDate,
        List<Header> extraHeaders,
        Optional<Bytes> message,
        RevisionType type,
        boolean synthetic,
        Optional<Bytes> rawManifest) {
    /** Validates the components. */
    public Revision {
        requireNonNull(id, "id is null");
        requireNonNull(directory, "directory is null");
        parents = List.copyOf(requireNonNull(parents, "parents is null"));
        requireNonNull(author, "author is null");
        requireNonNull(date, "date is null");
        requireNonNull(committer, "committer is null");
        requireNonNull(committerDate, "committerDate is null");
        extraHeaders = List.copyOf(requireNonNull(extraHeaders, "extraHeaders is null"));
        requireNonNull(message, "message is null");
        requireNonNull(type, "type is null");
        requireNonNull(rawManifest, "rawManifest is null");
    }
}
