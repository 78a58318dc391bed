package org.swhvault.spi.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * Intrinsic identifier computation, bit-exact with Software Heritage: {@code sha1(<type> SP <length>
 * NUL <body>)} of the canonical manifest, or {@code sha1(rawManifest)} for objects that keep their
 * original bytes. The {@code of} methods honour raw manifests; the {@code canonical} methods hash the
 * fields only, to tell whether the canonical form reproduces an object. All methods are thread-safe and
 * do not block.
 */
public final class Identifiers {
    /** The longest origin URL the archive accepts, in UTF-8 bytes, plus one. */
    public static final int MAX_ORIGIN_URL_BYTES = 2048;

    private Identifiers() {
    }

    /**
     * Returns {@code sha1(<gitType> SP <length> NUL <body>)}.
     *
     * @param gitType the object type name, such as {@code blob}
     * @param body the body
     * @return the id
     * @throws IllegalArgumentException if {@code gitType} is not non-empty printable ASCII without spaces
     */
    public static ObjectId hash(String gitType, byte[] body) {
        requireNonNull(body, "body is null");
        MessageDigest md = ManifestBuffer.sha1();
        md.update(Manifests.header(gitType, body.length));
        md.update(body);
        return ObjectId.wrap(md.digest());
    }

    /**
     * Returns the plain SHA-1 of {@code bytes} (no header), the id of a raw manifest.
     *
     * @param bytes the bytes
     * @return the id
     */
    public static ObjectId sha1(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        MessageDigest md = ManifestBuffer.sha1();
        return ObjectId.wrap(md.digest(bytes));
    }

    /**
     * Returns the id of a content (its git blob id). For large contents, stream them through
     * {@link ContentHasher} instead.
     *
     * @param data the bytes
     * @return the id
     */
    public static ObjectId content(byte[] data) {
        return hash(Manifests.BLOB, data);
    }

    /**
     * Returns the id of a directory with these entries (in any order).
     *
     * @param entries the entries
     * @return the id
     */
    public static ObjectId directory(List<DirectoryEntry> entries) {
        return ManifestBuffer.sha1GitOf(Manifests.TREE, out -> CanonicalWriter.writeDirectory(entries, out));
    }

    /**
     * Returns the id of a snapshot with these branches (in any order).
     *
     * @param branches the branches
     * @return the id
     * @throws VaultException with {@link ErrorCode#INVALID_OBJECT} if two branches have the same name
     */
    public static ObjectId snapshot(List<SnapshotBranch> branches) {
        return ManifestBuffer.sha1GitOf(Manifests.SNAPSHOT, out -> CanonicalWriter.writeSnapshot(branches, out));
    }

    /**
     * Returns the id a directory hashes to: {@code sha1(rawManifest)} if it has one, else the id of its
     * canonical form. Its {@code id} component is ignored.
     *
     * @param directory the directory
     * @return the computed id
     */
    public static ObjectId of(Directory directory) {
        return raw(directory.rawManifest()).orElseGet(() -> directory(directory.entries()));
    }

    /**
     * Returns the id a revision hashes to: {@code sha1(rawManifest)} if it has one, else the id of its
     * canonical form. Its {@code id} component is ignored.
     *
     * @param revision the revision
     * @return the computed id
     */
    public static ObjectId of(Revision revision) {
        return raw(revision.rawManifest()).orElseGet(() -> canonical(revision));
    }

    /**
     * Returns the id a release hashes to: {@code sha1(rawManifest)} if it has one, else the id of its
     * canonical form. Its {@code id} component is ignored.
     *
     * @param release the release
     * @return the computed id
     */
    public static ObjectId of(Release release) {
        return raw(release.rawManifest()).orElseGet(() -> canonical(release));
    }

    /**
     * Returns the id a snapshot hashes to. Its {@code id} component is ignored.
     *
     * @param snapshot the snapshot
     * @return the computed id
     */
    public static ObjectId of(Snapshot snapshot) {
        return snapshot(snapshot.branches());
    }

    /**
     * Returns the id of raw extrinsic metadata (the hash part of its {@code swh:1:emd:} SWHID). Its
     * {@code id} component is ignored.
     *
     * @param metadata the metadata
     * @return the computed id
     */
    public static ObjectId of(RawExtrinsicMetadata metadata) {
        return ManifestBuffer.sha1GitOf(Manifests.RAW_EXTRINSIC_METADATA,
                out -> ExtrinsicManifests.writeRawExtrinsicMetadata(metadata, out));
    }

    /**
     * Returns the id of an ExtID. Its {@code id} component is ignored.
     *
     * @param extId the ExtID
     * @return the computed id
     */
    public static ObjectId of(ExtId extId) {
        return ManifestBuffer.sha1GitOf(Manifests.EXTID, out -> ExtrinsicManifests.writeExtId(extId, out));
    }

    /**
     * Returns the id of a directory's canonical form, ignoring any raw manifest.
     *
     * @param directory the directory
     * @return the computed id
     */
    public static ObjectId canonical(Directory directory) {
        return directory(directory.entries());
    }

    /**
     * Returns the id of a revision's canonical form, ignoring any raw manifest.
     *
     * @param revision the revision
     * @return the computed id
     */
    public static ObjectId canonical(Revision revision) {
        return ManifestBuffer.sha1GitOf(Manifests.COMMIT, out -> CanonicalWriter.writeRevision(revision, out));
    }

    /**
     * Returns the id of a release's canonical form, ignoring any raw manifest.
     *
     * @param release the release
     * @return the computed id
     */
    public static ObjectId canonical(Release release) {
        return ManifestBuffer.sha1GitOf(Manifests.TAG, out -> CanonicalWriter.writeRelease(release, out));
    }

    /**
     * Returns the id of an origin: the plain SHA-1 of its URL in UTF-8, without header.
     *
     * @param url the origin URL
     * @return the id (the hash part of its {@code swh:1:ori:} SWHID)
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the URL is
     *     {@value #MAX_ORIGIN_URL_BYTES} UTF-8 bytes or longer
     */
    public static ObjectId origin(String url) {
        requireNonNull(url, "url is null");
        byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= MAX_ORIGIN_URL_BYTES) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "origin URL must be shorter than "
                    + MAX_ORIGIN_URL_BYTES + " UTF-8 bytes, got " + bytes.length);
        }
        return sha1(bytes);
    }

    /**
     * Returns whether a directory hashes to its own id.
     *
     * @param directory the directory
     * @return true if {@link #of(Directory)} equals its id
     */
    public static boolean verify(Directory directory) {
        return of(directory).equals(directory.id());
    }

    /**
     * Returns whether a revision hashes to its own id.
     *
     * @param revision the revision
     * @return true if {@link #of(Revision)} equals its id
     */
    public static boolean verify(Revision revision) {
        return of(revision).equals(revision.id());
    }

    /**
     * Returns whether a release hashes to its own id.
     *
     * @param release the release
     * @return true if {@link #of(Release)} equals its id
     */
    public static boolean verify(Release release) {
        return of(release).equals(release.id());
    }

    /**
     * Returns whether a snapshot hashes to its own id.
     *
     * @param snapshot the snapshot
     * @return true if {@link #of(Snapshot)} equals its id
     */
    public static boolean verify(Snapshot snapshot) {
        return of(snapshot).equals(snapshot.id());
    }

    /**
     * Returns whether raw extrinsic metadata hashes to its own id.
     *
     * @param metadata the metadata
     * @return true if {@link #of(RawExtrinsicMetadata)} equals its id
     */
    public static boolean verify(RawExtrinsicMetadata metadata) {
        return of(metadata).equals(metadata.id());
    }

    /**
     * Returns whether an ExtID hashes to its own id.
     *
     * @param extId the ExtID
     * @return true if {@link #of(ExtId)} equals its id
     */
    public static boolean verify(ExtId extId) {
        return of(extId).equals(extId.id());
    }

    /**
     * Returns whether a content's bytes hash to an expected id.
     *
     * @param expected the id the content is known under
     * @param data the bytes
     * @return true if they match
     */
    public static boolean verify(ObjectId expected, byte[] data) {
        return content(data).equals(expected);
    }

    private static Optional<ObjectId> raw(Optional<Bytes> rawManifest) {
        return rawManifest.map(b -> sha1(b.array()));
    }
}
