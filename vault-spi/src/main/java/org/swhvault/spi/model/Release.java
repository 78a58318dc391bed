package org.swhvault.spi.model;

import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
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

    /**
     * Returns a builder. Its {@link Builder#build()} computes the id from the fields, unless an id or a
     * raw manifest is given.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds releases. Every setter returns this builder; not thread-safe. */
    public static final class Builder {
        private ObjectId id;
        private Bytes name;
        private ObjectId target;
        private ObjectType targetType;
        private Person author;
        private Timestamp date;
        private Bytes message;
        private boolean synthetic;
        private Bytes rawManifest;

        private Builder() {
        }

        /**
         * Sets the tag name.
         *
         * @param name the raw name
         * @return this builder
         */
        public Builder name(Bytes name) {
            this.name = requireNonNull(name, "name is null");
            return this;
        }

        /**
         * Sets the tag name as UTF-8 text.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            return name(Bytes.utf8(name));
        }

        /**
         * Sets the tagged object.
         *
         * @param type its type, a core type
         * @param id its id
         * @return this builder
         * @throws IllegalArgumentException if {@code type} is not a core type
         */
        public Builder target(ObjectType type, ObjectId id) {
            requireNonNull(type, "type is null");
            if (!type.isCore()) {
                throw new IllegalArgumentException("a release cannot target an object of type " + type);
            }
            this.targetType = type;
            this.target = requireNonNull(id, "id is null");
            return this;
        }

        /**
         * Sets the tagger, without a date.
         *
         * @param author the tagger
         * @return this builder
         */
        public Builder author(Person author) {
            this.author = requireNonNull(author, "author is null");
            return this;
        }

        /**
         * Sets the tagger and the tag date.
         *
         * @param author the tagger
         * @param date the tag date
         * @return this builder
         */
        public Builder author(Person author, Timestamp date) {
            this.author = requireNonNull(author, "author is null");
            this.date = requireNonNull(date, "date is null");
            return this;
        }

        /**
         * Sets the tag date; {@link #build()} requires a tagger too.
         *
         * @param date the tag date
         * @return this builder
         */
        public Builder date(Timestamp date) {
            this.date = requireNonNull(date, "date is null");
            return this;
        }

        /**
         * Sets the message (signature included, git style); without one there is no blank line.
         *
         * @param message the raw message, possibly empty
         * @return this builder
         */
        public Builder message(Bytes message) {
            this.message = requireNonNull(message, "message is null");
            return this;
        }

        /**
         * Sets the message as UTF-8 text.
         *
         * @param message the message, possibly empty
         * @return this builder
         */
        public Builder message(String message) {
            return message(Bytes.utf8(message));
        }

        /**
         * Sets whether the archive made the release up (default false; not hashed).
         *
         * @param synthetic the flag
         * @return this builder
         */
        public Builder synthetic(boolean synthetic) {
            this.synthetic = synthetic;
            return this;
        }

        /**
         * Sets the id the release is known under, for sources that read stored objects; {@link #build()}
         * then does not hash.
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(ObjectId id) {
            this.id = requireNonNull(id, "id is null");
            return this;
        }

        /**
         * Sets the original object bytes (header included) for objects the canonical form cannot
         * reproduce; without an explicit {@link #id(ObjectId)}, the id is their SHA-1.
         *
         * @param rawManifest the original git object bytes
         * @return this builder
         */
        public Builder rawManifest(Bytes rawManifest) {
            this.rawManifest = requireNonNull(rawManifest, "rawManifest is null");
            return this;
        }

        /**
         * Returns the release. Its id is the one given, else {@code sha1(rawManifest)}, else the id of the
         * canonical form.
         *
         * @return the release
         * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the name or the target was not
         *     set, or {@link ErrorCode#INVALID_OBJECT} if a date was set without a tagger
         */
        public Release build() {
            if (name == null || target == null) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "a release needs a name and a target");
            }
            if (date != null && author == null) {
                throw new VaultException(ErrorCode.INVALID_OBJECT, "a release with a date needs a tagger");
            }
            Release r = new Release(id == null ? ObjectId.wrap(new byte[ObjectId.LENGTH]) : id, name, target,
                    targetType, Optional.ofNullable(author), Optional.ofNullable(date), Optional.ofNullable(message),
                    synthetic, Optional.ofNullable(rawManifest));
            if (id != null) {
                return r;
            }
            return new Release(Identifiers.of(r), name, target, targetType, r.author(), r.date(), r.message(),
                    synthetic, r.rawManifest());
        }
    }
}
