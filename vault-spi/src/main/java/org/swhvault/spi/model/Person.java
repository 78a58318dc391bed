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

    /**
     * Returns a person from a name and an email, building the full name as the archive does:
     * {@code name <email>}, or {@code name} alone, or {@code <email>} alone, or empty.
     *
     * @param name the name, or null if unknown
     * @param email the email, or null if unknown
     * @return the person
     */
    public static Person of(Bytes name, Bytes email) {
        if (email == null) {
            return new Person(name == null ? Bytes.EMPTY : name);
        }
        byte[] n = name == null ? new byte[0] : name.array();
        byte[] e = email.array();
        int prefix = name == null ? 0 : n.length + 1;
        byte[] full = new byte[prefix + e.length + 2];
        if (name != null) {
            System.arraycopy(n, 0, full, 0, n.length);
            full[n.length] = ' ';
        }
        full[prefix] = '<';
        System.arraycopy(e, 0, full, prefix + 1, e.length);
        full[full.length - 1] = '>';
        return new Person(Bytes.wrap(full));
    }

    /**
     * Returns a person from a name and an email given as UTF-8 text; see {@link #of(Bytes, Bytes)}.
     *
     * @param name the name, or null if unknown
     * @param email the email, or null if unknown
     * @return the person
     */
    public static Person of(String name, String email) {
        return of(name == null ? null : Bytes.utf8(name), email == null ? null : Bytes.utf8(email));
    }
}
