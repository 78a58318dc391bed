package org.swhvault.spi.model;

import java.util.Optional;

import org.swhvault.spi.swhid.ObjectType;

import static java.util.Objects.requireNonNull;

/**
 * A release (a git annotated tag).
 *
 * @param id the intrinsic id the object is known under
 * @param name the tag name
 * @param target the tagged object
 * @param targetType the tagged object's type (content, directory, revision, release or snapshot)
 * @param author the tagger, if any
 * @param date the tag date, if any (only with an author)
 * @param message the message (signatures included, git style); empty means none at all
 * @param synthetic whether the archive made this release up (not hashed)
 * @param rawManifest the original object bytes (header included) when the canonical form cannot
 *     reproduce them
 */
public record Release(
        ObjectId id,
        Bytes name,
        ObjectId target,
        ObjectType targetType,
        Optional<Person> author,
        Optional<Timestamp> date,
        Optional<Bytes> message,
        boolean synthetic,
        Optional<Bytes> rawManifest) {
    /** Validates the components. */
    public Release {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(target, "target is null");
        requireNonNull(targetType, "targetType is null");
        if (!targetType.isCore()) {
            throw new IllegalArgumentException("a release cannot target an object of type " + targetType);
        }
        requireNonNull(author, "author is null");
        requireNonNull(date, "date is null");
        requireNonNull(message, "message is null");
        requireNonNull(rawManifest, "rawManifest is null");
    }
}
