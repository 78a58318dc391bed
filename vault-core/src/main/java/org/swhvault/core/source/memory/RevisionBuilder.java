package org.swhvault.core.source.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.RevisionType;
import org.swhvault.spi.model.Timestamp;

import static java.util.Objects.requireNonNull;

/**
 * Describes a revision for {@link MemorySourceBuilder#revision(Consumer)}. Every setter replaces the
 * default; see there for the defaults.
 */
public final class RevisionBuilder {
    /** The default author. */
    public static final String DEFAULT_AUTHOR = "Test Author <author@example.org>";
    /** The default committer. */
    public static final String DEFAULT_COMMITTER = "Test Committer <committer@example.org>";

    private static final ObjectId PLACEHOLDER = ObjectId.of(new byte[ObjectId.LENGTH]);

    private final MemorySourceBuilder archive;
    private ObjectId directory;
    private final List<ObjectId> parents = new ArrayList<>();
    private Optional<Person> author = Optional.of(Person.of(DEFAULT_AUTHOR));
    private Optional<Timestamp> date;
    private Optional<Person> committer = Optional.of(Person.of(DEFAULT_COMMITTER));
    private Optional<Timestamp> committerDate;
    private final List<Header> headers = new ArrayList<>();
    private Optional<Bytes> message;
    private RevisionType type = RevisionType.GIT;
    private boolean synthetic;
    private Optional<Bytes> rawManifest = Optional.empty();

    RevisionBuilder(MemorySourceBuilder archive, long defaultDate) {
        this.archive = archive;
        this.date = Optional.of(Timestamp.of(defaultDate, "+0000"));
        this.committerDate = date;
        this.message = Optional.of(Bytes.utf8("Revision " + (defaultDate - MemorySourceBuilder.FIRST_DEFAULT_DATE) / 60
                + "\n"));
    }

    /**
     * Sets the root directory by id (it may be missing from the archive).
     *
     * @param id the directory id
     * @return this builder
     */
    public RevisionBuilder directory(ObjectId id) {
        this.directory = requireNonNull(id, "id is null");
        return this;
    }

    /**
     * Sets the root directory, built and added to the archive.
     *
     * @param tree describes the directory's entries
     * @return this builder
     */
    public RevisionBuilder tree(Consumer<TreeBuilder> tree) {
        return directory(archive.directory(tree));
    }

    /**
     * Appends parents (they may be missing from the archive).
     *
     * @param ids the parent ids, in order
     * @return this builder
     */
    public RevisionBuilder parents(ObjectId... ids) {
        for (ObjectId id : ids) {
            parents.add(requireNonNull(id, "parent id is null"));
        }
        return this;
    }

    /**
     * Sets the author and the author date.
     *
     * @param fullname the author, usually {@code Name <email>}
     * @param seconds the date, in seconds since the epoch
     * @param offset the time zone offset bytes, as written (such as {@code +0200} or {@code -0000})
     * @return this builder
     */
    public RevisionBuilder author(String fullname, long seconds, String offset) {
        return author(Person.of(fullname), Optional.of(Timestamp.of(seconds, offset)));
    }

    /**
     * Sets the author and the author date, either possibly absent (no date without an author).
     *
     * @param person the author
     * @param date the date
     * @return this builder
     */
    public RevisionBuilder author(Person person, Optional<Timestamp> date) {
        this.author = Optional.of(requireNonNull(person, "person is null"));
        this.date = requireNonNull(date, "date is null");
        return this;
    }

    /**
     * Removes the author and the author date.
     *
     * @return this builder
     */
    public RevisionBuilder noAuthor() {
        this.author = Optional.empty();
        this.date = Optional.empty();
        return this;
    }

    /**
     * Sets the committer and the committer date.
     *
     * @param fullname the committer, usually {@code Name <email>}
     * @param seconds the date, in seconds since the epoch
     * @param offset the time zone offset bytes, as written
     * @return this builder
     */
    public RevisionBuilder committer(String fullname, long seconds, String offset) {
        return committer(Person.of(fullname), Optional.of(Timestamp.of(seconds, offset)));
    }

    /**
     * Sets the committer and the committer date, the date possibly absent.
     *
     * @param person the committer
     * @param date the date
     * @return this builder
     */
    public RevisionBuilder committer(Person person, Optional<Timestamp> date) {
        this.committer = Optional.of(requireNonNull(person, "person is null"));
        this.committerDate = requireNonNull(date, "date is null");
        return this;
    }

    /**
     * Removes the committer and the committer date.
     *
     * @return this builder
     */
    public RevisionBuilder noCommitter() {
        this.committer = Optional.empty();
        this.committerDate = Optional.empty();
        return this;
    }

    /**
     * Sets both the author date and the committer date, keeping the persons.
     *
     * @param seconds the date, in seconds since the epoch
     * @param offset the time zone offset bytes, as written
     * @return this builder
     */
    public RevisionBuilder date(long seconds, String offset) {
        Timestamp timestamp = Timestamp.of(seconds, offset);
        this.date = author.map(a -> timestamp);
        this.committerDate = committer.map(c -> timestamp);
        return this;
    }

    /**
     * Appends an extra header (after the committer, in order).
     *
     * @param key the key, such as {@code gpgsig}
     * @param value the value, possibly several lines
     * @return this builder
     */
    public RevisionBuilder header(String key, String value) {
        return header(Bytes.utf8(key), Bytes.utf8(value));
    }

    /**
     * Appends an extra header given as bytes.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public RevisionBuilder header(Bytes key, Bytes value) {
        headers.add(new Header(key, value));
        return this;
    }

    /**
     * Sets the message.
     *
     * @param text the message, as UTF-8 (an empty string is an empty message, not none)
     * @return this builder
     */
    public RevisionBuilder message(String text) {
        return message(Bytes.utf8(text));
    }

    /**
     * Sets the message as bytes.
     *
     * @param bytes the message
     * @return this builder
     */
    public RevisionBuilder message(Bytes bytes) {
        this.message = Optional.of(requireNonNull(bytes, "bytes is null"));
        return this;
    }

    /**
     * Removes the message altogether (no blank line after the headers).
     *
     * @return this builder
     */
    public RevisionBuilder noMessage() {
        this.message = Optional.empty();
        return this;
    }

    /**
     * Sets where the revision comes from (not hashed).
     *
     * @param type the type
     * @return this builder
     */
    public RevisionBuilder type(RevisionType type) {
        this.type = requireNonNull(type, "type is null");
        return this;
    }

    /**
     * Sets whether the archive made the revision up (not hashed).
     *
     * @param synthetic the flag
     * @return this builder
     */
    public RevisionBuilder synthetic(boolean synthetic) {
        this.synthetic = synthetic;
        return this;
    }

    /**
     * Sets the original object bytes, header included ({@code commit <length>\0…}); the id is then
     * their hash, whatever the fields say.
     *
     * @param gitObject the raw manifest
     * @return this builder
     */
    public RevisionBuilder rawManifest(byte[] gitObject) {
        this.rawManifest = Optional.of(Bytes.of(gitObject));
        return this;
    }

    Revision build() {
        ObjectId root = directory != null ? directory : archive.directory(t -> { });
        Revision draft = new Revision(PLACEHOLDER, root, parents, author, date, committer, committerDate, headers,
                message, type, synthetic, rawManifest);
        return new Revision(Identifiers.of(draft), root, parents, author, date, committer, committerDate, headers,
                message, type, synthetic, rawManifest);
    }
}
