package org.swhvault.core.source.memory;

import java.util.Optional;
import java.util.function.Consumer;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.swhid.ObjectType;

import static java.util.Objects.requireNonNull;

/**
 * Describes a release for {@link MemorySourceBuilder#release(Consumer)}. The name and the target must
 * be set.
 */
public final class ReleaseBuilder {
    /** The default tagger. */
    public static final String DEFAULT_TAGGER = "Test Tagger <tagger@example.org>";

    private static final ObjectId PLACEHOLDER = ObjectId.of(new byte[ObjectId.LENGTH]);

    private Bytes name;
    private ObjectId target;
    private ObjectType targetType;
    private Optional<Person> author = Optional.of(Person.of(DEFAULT_TAGGER));
    private Optional<Timestamp> date;
    private Optional<Bytes> message;
    private boolean synthetic;
    private Optional<Bytes> rawManifest = Optional.empty();

    ReleaseBuilder(long defaultDate) {
        this.date = Optional.of(Timestamp.of(defaultDate, "+0000"));
    }

    /**
     * Sets the name.
     *
     * @param name the tag name, as UTF-8
     * @return this builder
     */
    public ReleaseBuilder name(String name) {
        return name(Bytes.utf8(name));
    }

    /**
     * Sets the name as bytes.
     *
     * @param name the tag name
     * @return this builder
     */
    public ReleaseBuilder name(Bytes name) {
        this.name = requireNonNull(name, "name is null");
        return this;
    }

    /**
     * Sets the target (it may be missing from the archive).
     *
     * @param type the target's type (a core type)
     * @param id the target's id
     * @return this builder
     */
    public ReleaseBuilder target(ObjectType type, ObjectId id) {
        this.targetType = requireNonNull(type, "type is null");
        this.target = requireNonNull(id, "id is null");
        return this;
    }

    /**
     * Sets a revision as target.
     *
     * @param id the revision id
     * @return this builder
     */
    public ReleaseBuilder revision(ObjectId id) {
        return target(ObjectType.REVISION, id);
    }

    /**
     * Sets the tagger and the date.
     *
     * @param fullname the tagger, usually {@code Name <email>}
     * @param seconds the date, in seconds since the epoch
     * @param offset the time zone offset bytes, as written
     * @return this builder
     */
    public ReleaseBuilder author(String fullname, long seconds, String offset) {
        return author(Person.of(fullname), Optional.of(Timestamp.of(seconds, offset)));
    }

    /**
     * Sets the tagger and the date, the date possibly absent.
     *
     * @param person the tagger
     * @param date the date
     * @return this builder
     */
    public ReleaseBuilder author(Person person, Optional<Timestamp> date) {
        this.author = Optional.of(requireNonNull(person, "person is null"));
        this.date = requireNonNull(date, "date is null");
        return this;
    }

    /**
     * Removes the tagger and the date (a release without {@code tagger} line).
     *
     * @return this builder
     */
    public ReleaseBuilder noAuthor() {
        this.author = Optional.empty();
        this.date = Optional.empty();
        return this;
    }

    /**
     * Sets the message.
     *
     * @param text the message, as UTF-8
     * @return this builder
     */
    public ReleaseBuilder message(String text) {
        this.message = Optional.of(Bytes.utf8(text));
        return this;
    }

    /**
     * Sets the message as bytes.
     *
     * @param bytes the message
     * @return this builder
     */
    public ReleaseBuilder message(Bytes bytes) {
        this.message = Optional.of(requireNonNull(bytes, "bytes is null"));
        return this;
    }

    /**
     * Removes the message altogether.
     *
     * @return this builder
     */
    public ReleaseBuilder noMessage() {
        this.message = Optional.empty();
        return this;
    }

    /**
     * Sets whether the archive made the release up (not hashed).
     *
     * @param synthetic the flag
     * @return this builder
     */
    public ReleaseBuilder synthetic(boolean synthetic) {
        this.synthetic = synthetic;
        return this;
    }

    /**
     * Sets the original object bytes, header included ({@code tag <length>\0…}); the id is then their
     * hash, whatever the fields say.
     *
     * @param gitObject the raw manifest
     * @return this builder
     */
    public ReleaseBuilder rawManifest(byte[] gitObject) {
        this.rawManifest = Optional.of(Bytes.of(gitObject));
        return this;
    }

    Release build() {
        if (name == null || target == null) {
            throw new IllegalStateException("a release needs a name and a target");
        }
        Optional<Bytes> text = message != null ? message : Optional.of(Bytes.utf8("Release " + name + "\n"));
        Release draft = new Release(PLACEHOLDER, name, target, targetType, author, date, text, synthetic,
                rawManifest);
        return new Release(Identifiers.of(draft), name, target, targetType, author, date, text, synthetic,
                rawManifest);
    }
}
