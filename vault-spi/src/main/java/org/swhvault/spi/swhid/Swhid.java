package org.swhvault.spi.swhid;

import org.swhvault.spi.model.ObjectId;

import static java.util.Objects.requireNonNull;

/**
 * A SoftWare Heritage persistent IDentifier: an object type, a 20-byte id and, for qualified SWHIDs,
 * qualifiers. PLACEHOLDER: the full parser is being written.
 *
 * @param type the object type
 * @param id the intrinsic id
 */
public record Swhid(ObjectType type, ObjectId id) {
    /** Validates the components. */
    public Swhid {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
    }

    /**
     * Returns the SWHID of an object.
     *
     * @param type the object type
     * @param id the intrinsic id
     * @return the SWHID
     */
    public static Swhid of(ObjectType type, ObjectId id) {
        return new Swhid(type, id);
    }

    /** Returns the canonical form {@code swh:1:<type>:<hex>}. */
    @Override
    public String toString() {
        return "swh:1:" + type.tag() + ":" + id.toHex();
    }
}
