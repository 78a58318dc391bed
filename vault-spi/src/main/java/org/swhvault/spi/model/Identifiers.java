package org.swhvault.spi.model;

/**
 * Intrinsic identifier computation, bit-exact with Software Heritage. PLACEHOLDER: being written.
 */
public final class Identifiers {
    private Identifiers() {
    }

    /**
     * Returns {@code sha1(<gitType> SP <length> NUL <body>)}.
     *
     * @param gitType the object type name, such as {@code blob}
     * @param body the body
     * @return the id
     */
    public static ObjectId hash(String gitType, byte[] body) {
        throw new UnsupportedOperationException("not yet written");
    }
}
