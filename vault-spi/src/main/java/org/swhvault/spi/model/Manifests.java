package org.swhvault.spi.model;

import java.util.Comparator;
import java.util.List;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.swhid.ObjectType;

import static java.util.Objects.requireNonNull;

/**
 * The canonical git-style serialisation of archive objects, bit-exact with Software Heritage. A
 * <em>body</em> is what follows the header; a <em>git object</em> is {@code <type> SP <length> NUL
 * <body>}, the bytes whose SHA-1 is the object's id. All methods are thread-safe and do not block.
 */
public final class Manifests {
    /** The type name heading a content (git blob). */
    public static final String BLOB = "blob";
    /** The type name heading a directory (git tree). */
    public static final String TREE = "tree";
    /** The type name heading a revision (git commit). */
    public static final String COMMIT = "commit";
    /** The type name heading a release (git annotated tag). */
    public static final String TAG = "tag";
    /** The type name heading a snapshot (SWH only). */
    public static final String SNAPSHOT = "snapshot";
    /** The type name heading raw extrinsic metadata (SWH only). */
    public static final String RAW_EXTRINSIC_METADATA = "raw_extrinsic_metadata";
    /** The type name heading an ExtID (SWH only). */
    public static final String EXTID = "extid";

    private Manifests() {
    }

    /**
     * Returns the order git sorts tree entries in: by name as unsigned bytes, a directory's name being
     * compared as if followed by {@code /} (so {@code foo.c < foo/ < foo0}). The key depends on the entry
     * type, not on its perms.
     *
     * @return the comparator
     */
    public static Comparator<DirectoryEntry> directoryOrder() {
        return CanonicalWriter.DIRECTORY_ORDER;
    }

    /**
     * Returns the canonical body of a directory: one {@code <octal perms> SP <name> NUL <20-byte id>}
     * record per entry, entries sorted by {@link #directoryOrder()} (stable for equal keys).
     *
     * @param entries the entries, in any order
     * @return the body bytes
     */
    public static byte[] directory(List<DirectoryEntry> entries) {
        return ManifestBuffer.bytesOf(out -> CanonicalWriter.writeDirectory(entries, out));
    }

    /**
     * Returns the canonical body of a revision, from its fields (ignoring any raw manifest).
     *
     * @param revision the revision
     * @return the body bytes
     */
    public static byte[] revision(Revision revision) {
        return ManifestBuffer.bytesOf(out -> CanonicalWriter.writeRevision(revision, out));
    }

    /**
     * Returns the canonical body of a release, from its fields (ignoring any raw manifest).
     *
     * @param release the release
     * @return the body bytes
     */
    public static byte[] release(Release release) {
        return ManifestBuffer.bytesOf(out -> CanonicalWriter.writeRelease(release, out));
    }

    /**
     * Returns the canonical body of a snapshot: for each branch in name order (unsigned bytes),
     * {@code <target type> SP <name> NUL <target length> : <target>}.
     *
     * @param branches the branches, in any order
     * @return the body bytes
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if two branches have the same name
     */
    public static byte[] snapshot(List<SnapshotBranch> branches) {
        return ManifestBuffer.bytesOf(out -> CanonicalWriter.writeSnapshot(branches, out));
    }

    /**
     * Returns the canonical body of raw extrinsic metadata.
     *
     * @param metadata the metadata
     * @return the body bytes
     */
    public static byte[] rawExtrinsicMetadata(RawExtrinsicMetadata metadata) {
        return ManifestBuffer.bytesOf(out -> ExtrinsicManifests.writeRawExtrinsicMetadata(metadata, out));
    }

    /**
     * Returns the canonical body of an ExtID.
     *
     * @param extId the ExtID
     * @return the body bytes
     */
    public static byte[] extId(ExtId extId) {
        return ManifestBuffer.bytesOf(out -> ExtrinsicManifests.writeExtId(extId, out));
    }

    /**
     * Returns {@code <gitType> SP <length> NUL <body>}.
     *
     * @param gitType the object type name, such as {@code tree}
     * @param body the body
     * @return the full object bytes
     */
    public static byte[] withHeader(String gitType, byte[] body) {
        requireNonNull(body, "body is null");
        byte[] header = header(gitType, body.length);
        byte[] out = new byte[header.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    /**
     * Returns the header {@code <gitType> SP <length> NUL} alone, for writers that stream the body.
     *
     * @param gitType the object type name, such as {@code blob}
     * @param length the body length in bytes
     * @return the header bytes
     * @throws IllegalArgumentException if {@code length} is negative or {@code gitType} is not
     *     non-empty printable ASCII without spaces
     */
    public static byte[] header(String gitType, long length) {
        requireNonNull(gitType, "gitType is null");
        if (length < 0) {
            throw new IllegalArgumentException("length must be non-negative, got " + length);
        }
        boolean printable = !gitType.isEmpty();
        for (int i = 0; i < gitType.length() && printable; i++) {
            char c = gitType.charAt(i);
            printable = c > ' ' && c < 0x7f;
        }
        if (!printable) {
            throw new IllegalArgumentException("git type must be printable ASCII without spaces: " + gitType);
        }
        return ManifestBuffer.headerBytes(gitType, length);
    }

    /**
     * Returns a directory's git object: its raw manifest if it has one, else header and canonical body.
     *
     * @param directory the directory
     * @return the full object bytes
     */
    public static byte[] gitObject(Directory directory) {
        if (directory.rawManifest().isPresent()) {
            return directory.rawManifest().get().toByteArray();
        }
        return ManifestBuffer.gitObjectOf(TREE, out -> CanonicalWriter.writeDirectory(directory.entries(), out));
    }

    /**
     * Returns a revision's git object: its raw manifest if it has one, else header and canonical body.
     *
     * @param revision the revision
     * @return the full object bytes
     */
    public static byte[] gitObject(Revision revision) {
        if (revision.rawManifest().isPresent()) {
            return revision.rawManifest().get().toByteArray();
        }
        return ManifestBuffer.gitObjectOf(COMMIT, out -> CanonicalWriter.writeRevision(revision, out));
    }

    /**
     * Returns a release's git object: its raw manifest if it has one, else header and canonical body.
     *
     * @param release the release
     * @return the full object bytes
     */
    public static byte[] gitObject(Release release) {
        if (release.rawManifest().isPresent()) {
            return release.rawManifest().get().toByteArray();
        }
        return ManifestBuffer.gitObjectOf(TAG, out -> CanonicalWriter.writeRelease(release, out));
    }

    /**
     * Returns a snapshot's object bytes (header {@code snapshot}); git has no such type, but
     * {@code git hash-object --literally -t snapshot} accepts it.
     *
     * @param snapshot the snapshot
     * @return the full object bytes
     */
    public static byte[] gitObject(Snapshot snapshot) {
        return ManifestBuffer.gitObjectOf(SNAPSHOT, out -> CanonicalWriter.writeSnapshot(snapshot.branches(), out));
    }

    /**
     * Returns the word a release manifest uses for its target type in the {@code type} line:
     * {@code blob tree commit tag}, and {@code refs} for a snapshot (an SWH extension).
     *
     * @param targetType a core object type
     * @return the word
     * @throws IllegalArgumentException if {@code targetType} is not a core type
     */
    public static String releaseTargetWord(ObjectType targetType) {
        return switch (targetType) {
            case CONTENT -> BLOB;
            case DIRECTORY -> TREE;
            case REVISION -> COMMIT;
            case RELEASE -> TAG;
            case SNAPSHOT -> "refs";
            default -> throw new IllegalArgumentException("a release cannot target an object of type " + targetType);
        };
    }
}
