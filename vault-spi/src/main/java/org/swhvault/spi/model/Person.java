package org.swhvault.spi.model;

import static java.util.Objects.requireNonNull;

/**
 * An author, committer or tagger. Only the raw {@code fullname} (usually {@code Name <email>}) is
 * part of an object's identity.
 *
 * @param fullname the raw bytes, as found in the original object
 */
public record Person(Bytes fullname) {
    /** Validates the components. */
    public Person {
        requireNonNull(fullname, "fullname is null");
    }

    /**
     * Returns a person from UTF-8 text.
     *
     * @param fullname the full name, usually {@code Name <email>}
     * @return the person
     */
    public static Person of(String fullname) {
        return new Person(Bytes.utf8(fullname));
    }
}
