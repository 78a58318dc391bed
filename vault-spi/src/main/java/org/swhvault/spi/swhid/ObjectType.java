package org.swhvault.spi.swhid;

import java.util.Optional;

/**
 * The object types a SWHID can name. The five core types ({@code cnt dir rev rel snp}) are archive
 * objects; {@code ori} and {@code emd} exist only in extended SWHIDs.
 */
public enum ObjectType {
    /** A file's bytes ({@code cnt}, git blob). */
    CONTENT("cnt", 0, "content", "blob", true),
    /** A directory ({@code dir}, git tree). */
    DIRECTORY("dir", 1, "directory", "tree", true),
    /** An origin URL ({@code ori}); extended SWHIDs only. */
    ORIGIN("ori", 2, "origin", null, false),
    /** A release ({@code rel}, git annotated tag). */
    RELEASE("rel", 3, "release", "tag", true),
    /** A revision ({@code rev}, git commit). */
    REVISION("rev", 4, "revision", "commit", true),
    /** A snapshot of all branches of an origin ({@code snp}). */
    SNAPSHOT("snp", 5, "snapshot", "snapshot", true),
    /** Raw extrinsic metadata ({@code emd}); extended SWHIDs only. */
    RAW_EXTRINSIC_METADATA("emd", -1, "raw_extrinsic_metadata", "raw_extrinsic_metadata", false);

    private final String tag;
    private final int binaryCode;
    private final String modelName;
    private final String gitType;
    private final boolean core;

    ObjectType(String tag, int binaryCode, String modelName, String gitType, boolean core) {
        this.tag = tag;
        this.binaryCode = binaryCode;
        this.modelName = modelName;
        this.gitType = gitType;
        this.core = core;
    }

    /** Returns the three-letter code used in SWHIDs, such as {@code cnt}. */
    public String tag() {
        return tag;
    }

    /** Returns the full name used in archive manifests, such as {@code content} or {@code revision}. */
    public String modelName() {
        return modelName;
    }

    /**
     * Returns the type name that heads this type's hashed manifest ({@code blob tree commit tag snapshot
     * raw_extrinsic_metadata}); empty for origins, which are hashed without a header.
     */
    public Optional<String> gitType() {
        return Optional.ofNullable(gitType);
    }

    /** Returns the type byte of the 22-byte binary SWHID form, or -1 when the type has none. */
    public int binaryCode() {
        return binaryCode;
    }

    /** Returns whether this is one of the five core types. */
    public boolean isCore() {
        return core;
    }

    /**
     * Returns the type with the given three-letter code.
     *
     * @param tag a code such as {@code dir}
     * @return the type, or empty if {@code tag} is not exactly one of the codes
     */
    public static Optional<ObjectType> fromTag(String tag) {
        for (ObjectType t : values()) {
            if (t.tag.equals(tag)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the type with the given binary SWHID type code.
     *
     * @param code a type byte such as 1 (dir)
     * @return the type, or empty if no type has that code
     */
    public static Optional<ObjectType> fromBinaryCode(int code) {
        for (ObjectType t : values()) {
            if (t.binaryCode == code && code >= 0) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the type with the given manifest name.
     *
     * @param name a name such as {@code revision}
     * @return the type, or empty if unknown
     */
    public static Optional<ObjectType> fromModelName(String name) {
        for (ObjectType t : values()) {
            if (t.modelName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
