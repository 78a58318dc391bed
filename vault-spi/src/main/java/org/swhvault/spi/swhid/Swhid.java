package org.swhvault.spi.swhid;

import java.util.HexFormat;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;

import static java.util.Objects.requireNonNull;

/**
 * A SoftWare Heritage persistent IDentifier (SWHID, ISO/IEC 18670): an object type, a 20-byte
 * intrinsic id and, for qualified SWHIDs, {@link Qualifiers}. Immutable; equal when type, id and
 * every qualifier value are equal (qualifier order in the parsed text does not matter).
 *
 * <p>Three shapes exist. A <em>core</em> SWHID {@code swh:1:<type>:<40 lowercase hex>} names an
 * archive object of type {@code cnt dir rev rel snp}. A <em>qualified</em> SWHID adds
 * {@code ;key=value} qualifiers to a core one. An <em>extended</em> SWHID may also have type
 * {@code ori} (an origin, id = SHA-1 of its URL) or {@code emd} (raw extrinsic metadata); those
 * types are internal to Software Heritage and never take qualifiers.
 *
 * <h2>Parsing: strict and lenient</h2>
 * {@link #parse(String)} is <b>strict</b> (ISO/IEC 18670 and the cross-implementation SWHID test
 * suite); {@link SwhidParser.Mode#LENIENT} reproduces the reference implementation (swh-model's
 * {@code swh.model.swhids}) exactly, so that anything it accepts is accepted with the same value
 * and everything it rejects is rejected. The two modes agree on:
 * <ul>
 *   <li>The core: namespace {@code swh}, version {@code 1}, the type and the 40 hex digits are
 *       case-sensitive, and the hex digits must be lowercase. Nothing is trimmed: whitespace
 *       anywhere is an error, using Python's set of 29 whitespace code points (which includes
 *       U+001C..U+001F and U+00A0, unlike Java's {@code \s}).</li>
 *   <li>Qualifiers are split on {@code ;}, then on the first {@code =}. An empty piece
 *       ({@code ;;}, a trailing {@code ;}) or a piece without {@code =} is an error; keys are
 *       case-sensitive ({@code Origin=} is unknown).</li>
 *   <li>{@code visit} must be a core {@code snp} SWHID; {@code anchor} a core {@code dir rev rel snp}
 *       SWHID.</li>
 *   <li>{@code origin} is percent-decoded as UTF-8 text, {@code path} to raw bytes; {@code +} is
 *       not a space.</li>
 *   <li>A number in {@code lines} (or {@code bytes}) has at most 4300 digits, the limit of Python's
 *       {@code int()}; there is no other bound.</li>
 *   <li>Unpaired surrogates (which have no UTF-8 form) are rejected. This is the one input the
 *       lenient mode does not take from the reference, which accepts them raw in {@code origin}.</li>
 *   <li>The ISO combination rules (visit only with origin, anchor only with path, fragments only on
 *       {@code cnt}, path only on {@code cnt} or {@code dir}) are <em>not</em> enforced: ISO says to
 *       ignore such qualifiers, the reference keeps them, and so do we, so the caller decides.</li>
 * </ul>
 * Strict mode differs from the reference on these points:
 * <ul>
 *   <li>A qualifier given twice is an error (the reference keeps the last one).</li>
 *   <li>The ISO {@code bytes=N[-M]} fragment qualifier is accepted (the reference rejects it as
 *       unknown).</li>
 *   <li>A percent-escape must be {@code %} and two hex digits ({@code %GZ} and a {@code %} near
 *       the end are errors; the reference keeps them literally), and escapes in {@code origin} must
 *       decode as UTF-8 (the reference silently substitutes U+FFFD).</li>
 *   <li>Numbers are ASCII digits only (the reference's Python {@code int()} also takes {@code +5},
 *       {@code 1_0} and non-ASCII digits such as {@code ٥}); leading zeros are allowed.</li>
 *   <li>{@code lines} starts at 1 and a range must not be reversed ({@code lines=0} and
 *       {@code lines=3-2} are errors; the reference accepts them); {@code bytes} ranges must not be
 *       reversed either.</li>
 *   <li>Raw control characters (U+0000..U+001F, U+007F..U+009F) are errors (escaped ones are fine);
 *       the reference accepts the ones that are not whitespace.</li>
 * </ul>
 *
 * <h2>Canonical form</h2>
 * {@link #toString()} writes the core, then the present qualifiers in the order origin, visit,
 * anchor, path, lines, bytes, whatever the input order. {@code path} is escaped exactly as the
 * reference does (every byte except ASCII letters, digits and {@code _ . - ~ /}, as {@code %XX} with
 * uppercase hex). {@code origin} escapes {@code %} and {@code ;} like the reference, and also
 * whitespace and control characters as percent-encoded UTF-8, which the reference writes raw so that
 * its output no longer parses. Numbers are plain decimal (leading zeros dropped). The canonical form
 * always parses back to an equal SWHID in the mode the SWHID was parsed with, and in strict mode if
 * it was parsed strictly. Like the reference, unnecessary escapes are not kept ({@code %7E} becomes
 * {@code ~}) and {@code %2F} in a path becomes a real {@code /}.
 *
 * @param type the object type
 * @param id the intrinsic id
 * @param qualifiers the qualifiers, {@link Qualifiers#NONE} for a core or extended SWHID
 */
public record Swhid(ObjectType type, ObjectId id, Qualifiers qualifiers) {
    private static final int BINARY_LENGTH = 22;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if an ori or emd SWHID has qualifiers
     */
    public Swhid {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
        requireNonNull(qualifiers, "qualifiers is null");
        if (!type.isCore() && !qualifiers.isEmpty()) {
            throw new IllegalArgumentException(type.tag() + " SWHIDs take no qualifiers");
        }
    }

    /**
     * Creates a SWHID without qualifiers.
     *
     * @param type the object type
     * @param id the intrinsic id
     */
    public Swhid(ObjectType type, ObjectId id) {
        this(type, id, Qualifiers.NONE);
    }

    /**
     * Returns the SWHID of an object, without qualifiers.
     *
     * @param type the object type
     * @param id the intrinsic id
     * @return the SWHID
     */
    public static Swhid of(ObjectType type, ObjectId id) {
        return new Swhid(type, id, Qualifiers.NONE);
    }

    /**
     * Parses any SWHID strictly (see the class comment): core, qualified, or extended (ori, emd).
     *
     * @param swhid the text, not trimmed
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not a valid SWHID
     */
    public static Swhid parse(String swhid) {
        return SwhidParser.strict().parse(swhid);
    }

    /**
     * Parses any SWHID in the given mode: core, qualified, or extended (ori, emd).
     *
     * @param swhid the text, not trimmed
     * @param mode strict (ISO/IEC 18670) or lenient (swh-model compatible)
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not a valid SWHID in that mode
     */
    public static Swhid parse(String swhid, SwhidParser.Mode mode) {
        return SwhidParser.of(mode).parse(swhid);
    }

    /**
     * Parses a core SWHID: type cnt, dir, rev, rel or snp, no qualifiers.
     *
     * @param swhid the text, not trimmed
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not a core SWHID
     */
    public static Swhid parseCore(String swhid) {
        return SwhidParser.strict().parseCore(swhid);
    }

    /**
     * Parses an extended SWHID: any type including ori and emd, no qualifiers.
     *
     * @param swhid the text, not trimmed
     * @return the SWHID
     * @throws InvalidSwhidException if {@code swhid} is not an extended SWHID
     */
    public static Swhid parseExtended(String swhid) {
        return SwhidParser.strict().parseExtended(swhid);
    }

    /**
     * Decodes the 22-byte binary form (version byte 1, type byte, 20-byte id) used by swh-model and
     * swh-graph. Type codes: cnt 0, dir 1, ori 2, rel 3, rev 4, snp 5; emd has none. Like swh-graph,
     * this accepts ori; {@link #fromBytesCore} does not.
     *
     * @param bytes exactly 22 bytes
     * @return the SWHID, without qualifiers
     * @throws InvalidSwhidException if the length, version or type byte is wrong
     */
    public static Swhid fromBytes(byte[] bytes) {
        return decode(bytes, true);
    }

    /**
     * Decodes the 22-byte binary form of a core SWHID, as swh-model's {@code CoreSWHID.from_bytes}:
     * type byte 2 (ori) is rejected.
     *
     * @param bytes exactly 22 bytes
     * @return the SWHID
     * @throws InvalidSwhidException if the length, version or type byte is wrong
     */
    public static Swhid fromBytesCore(byte[] bytes) {
        return decode(bytes, false);
    }

    private static Swhid decode(byte[] bytes, boolean origins) {
        requireNonNull(bytes, "bytes is null");
        String hex = HexFormat.of().formatHex(bytes);
        if (bytes.length != BINARY_LENGTH) {
            throw InvalidSwhidException.binary(hex, Math.min(bytes.length, BINARY_LENGTH) + 1,
                    "binary SWHID of " + bytes.length + " bytes", "expected exactly 22 bytes");
        }
        if (bytes[0] != 1) {
            throw InvalidSwhidException.binary(hex, 1, "version byte " + (bytes[0] & 0xff), "expected 1");
        }
        ObjectType type = ObjectType.fromBinaryCode(bytes[1] & 0xff).orElse(null);
        if (type == null || (!origins && type == ObjectType.ORIGIN)) {
            throw InvalidSwhidException.binary(hex, 2, "type byte " + (bytes[1] & 0xff),
                    origins ? "expected 0 to 5" : "expected a core type: 0 (cnt), 1 (dir), 3 (rel), 4 (rev) or 5 (snp)");
        }
        return new Swhid(type, ObjectId.of(bytes, 2));
    }

    /**
     * Returns the 22-byte binary form: version 1, the type code, the id.
     *
     * @return a new array
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} if this SWHID has qualifiers or is of
     *     type emd, neither of which the binary form can hold
     */
    public byte[] toBytes() {
        if (type.binaryCode() < 0 || !qualifiers.isEmpty()) {
            throw new VaultException(ErrorCode.UNSUPPORTED, "the binary form cannot hold " + this
                    + ": it has no " + (type.binaryCode() < 0 ? "type code for " + type.tag() : "qualifiers"));
        }
        byte[] out = new byte[BINARY_LENGTH];
        out[0] = 1;
        out[1] = (byte) type.binaryCode();
        id.copyTo(out, 2);
        return out;
    }

    /** Returns whether this is a core SWHID: a core type (cnt dir rev rel snp) and no qualifiers. */
    public boolean isCore() {
        return type.isCore() && qualifiers.isEmpty();
    }

    /** Returns whether this SWHID has one of the extended-only types, ori or emd. */
    public boolean isExtended() {
        return !type.isCore();
    }

    /** Returns whether this SWHID has at least one qualifier. */
    public boolean hasQualifiers() {
        return !qualifiers.isEmpty();
    }

    /**
     * Returns the core SWHID of the same object: this one without qualifiers.
     *
     * @return the core SWHID ({@code this} if it has no qualifiers)
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} for ori and emd, which have no core form
     */
    public Swhid toCore() {
        if (!type.isCore()) {
            throw new VaultException(ErrorCode.UNSUPPORTED, this + " is an extended SWHID: it has no core form");
        }
        return qualifiers.isEmpty() ? this : new Swhid(type, id, Qualifiers.NONE);
    }

    /**
     * Returns a SWHID of the same object with other qualifiers.
     *
     * @param qualifiers the new qualifiers, {@link Qualifiers#NONE} to drop them all
     * @return the SWHID
     * @throws IllegalArgumentException if this SWHID is of type ori or emd and {@code qualifiers} is not empty
     */
    public Swhid withQualifiers(Qualifiers qualifiers) {
        return new Swhid(type, id, qualifiers);
    }

    /** Returns the canonical form, such as {@code swh:1:cnt:<hex>;origin=...;lines=9-15}. */
    @Override
    public String toString() {
        return SwhidFormat.toString(this);
    }
}
