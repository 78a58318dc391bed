package org.swhvault.spi.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

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

    /**
     * Returns a builder. Its {@link Builder#build()} computes the id from the fields, unless an id or a
     * raw manifest is given.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds revisions. Every setter returns this builder; not thread-safe. */
    public static final class Builder {
        private ObjectId id;
        private ObjectId directory;
        private final List<ObjectId> parents = new ArrayList<>();
        private Person author;
        private Timestamp date;
        private Person committer;
        private Timestamp committerDate;
        private final List<Header> extraHeaders = new ArrayList<>();
        private Bytes message;
        private RevisionType type = RevisionType.GIT;
        private boolean synthetic;
        private Bytes rawManifest;

        private Builder() {
        }

        /**
         * Sets the root directory.
         *
         * @param directory the directory id
         * @return this builder
         */
        public Builder directory(ObjectId directory) {
            this.directory = requireNonNull(directory, "directory is null");
            return this;
        }

        /**
         * Adds a parent after those already added.
         *
         * @param parent the parent revision id
         * @return this builder
         */
        public Builder parent(ObjectId parent) {
            parents.add(requireNonNull(parent, "parent is null"));
            return this;
        }

        /**
         * Replaces the parents.
         *
         * @param parents the parent revision ids, in order
         * @return this builder
         */
        public Builder parents(List<ObjectId> parents) {
            List<ObjectId> copy = List.copyOf(requireNonNull(parents, "parents is null"));
            this.parents.clear();
            this.parents.addAll(copy);
            return this;
        }

        /**
         * Sets the author, without a date.
         *
         * @param author the author
         * @return this builder
         */
        public Builder author(Person author) {
            this.author = requireNonNull(author, "author is null");
            return this;
        }

        /**
         * Sets the author and the author date.
         *
         * @param author the author
         * @param date the author date
         * @return this builder
         */
        public Builder author(Person author, Timestamp date) {
            this.author = requireNonNull(author, "author is null");
            this.date = requireNonNull(date, "date is null");
            return this;
        }

        /**
         * Sets the author date; {@link #build()} requires an author too.
         *
         * @param date the author date
         * @return this builder
         */
        public Builder date(Timestamp date) {
            this.date = requireNonNull(date, "date is null");
            return this;
        }

        /**
         * Sets the committer, without a date.
         *
         * @param committer the committer
         * @return this builder
         */
        public Builder committer(Person committer) {
            this.committer = requireNonNull(committer, "committer is null");
            return this;
        }

        /**
         * Sets the committer and the committer date.
         *
         * @param committer the committer
         * @param date the committer date
         * @return this builder
         */
        public Builder committer(Person committer, Timestamp date) {
            this.committer = requireNonNull(committer, "committer is null");
            this.committerDate = requireNonNull(date, "date is null");
            return this;
        }

        /**
         * Sets the committer date; {@link #build()} requires a committer too.
         *
         * @param date the committer date
         * @return this builder
         */
        public Builder committerDate(Timestamp date) {
            this.committerDate = requireNonNull(date, "date is null");
            return this;
        }

        /**
         * Adds an extra header after those already added.
         *
         * @param key the header name, such as {@code gpgsig}
         * @param value the raw value, possibly spanning several lines
         * @return this builder
         */
        public Builder extraHeader(Bytes key, Bytes value) {
            extraHeaders.add(new Header(key, value));
            return this;
        }

        /**
         * Adds an extra header given as UTF-8 text.
         *
         * @param key the header name, such as {@code encoding}
         * @param value the value
         * @return this builder
         */
        public Builder extraHeader(String key, String value) {
            return extraHeader(Bytes.utf8(key), Bytes.utf8(value));
        }

        /**
         * Replaces the extra headers.
         *
         * @param headers the headers, in order
         * @return this builder
         */
        public Builder extraHeaders(List<Header> headers) {
            List<Header> copy = List.copyOf(requireNonNull(headers, "headers is null"));
            extraHeaders.clear();
            extraHeaders.addAll(copy);
            return this;
        }

        /**
         * Sets the message; without one the revision has no message at all (no blank line).
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
         * Sets where the revision comes from (default {@link RevisionType#GIT}; not hashed).
         *
         * @param type the type
         * @return this builder
         */
        public Builder type(RevisionType type) {
            this.type = requireNonNull(type, "type is null");
            return this;
        }

        /**
         * Sets whether the archive made the revision up (default false; not hashed).
         *
         * @param synthetic the flag
         * @return this builder
         */
        public Builder synthetic(boolean synthetic) {
            this.synthetic = synthetic;
            return this;
        }

        /**
         * Sets the id the revision is known under, for sources that read stored objects; {@link #build()}
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
         * Returns the revision. Its id is the one given, else {@code sha1(rawManifest)}, else the id of
         * the canonical form.
         *
         * @return the revision
         * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if no directory was set, or
         *     {@link ErrorCode#INVALID_OBJECT} if a date was set without its person
         */
        public Revision build() {
            if (directory == null) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "a revision needs a root directory");
            }
            if (date != null && author == null) {
                throw new VaultException(ErrorCode.INVALID_OBJECT, "a revision with an author date needs an author");
            }
            if (committerDate != null && committer == null) {
                throw new VaultException(ErrorCode.INVALID_OBJECT,
                        "a revision with a committer date needs a committer");
            }
            Revision r = new Revision(id == null ? ObjectId.wrap(new byte[ObjectId.LENGTH]) : id, directory, parents,
                    Optional.ofNullable(author), Optional.ofNullable(date), Optional.ofNullable(committer),
                    Optional.ofNullable(committerDate), extraHeaders, Optional.ofNullable(message), type, synthetic,
                    Optional.ofNullable(rawManifest));
            if (id != null) {
                return r;
            }
            return new Revision(Identifiers.of(r), r.directory(), r.parents(), r.author(), r.date(), r.committer(),
                    r.committerDate(), r.extraHeaders(), r.message(), r.type(), r.synthetic(), r.rawManifest());
        }
    }
}
