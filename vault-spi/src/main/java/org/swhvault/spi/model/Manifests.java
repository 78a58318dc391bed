package org.swhvault.spi.model;

import java.util.ArrayList;
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

    private static final Comparator<DirectoryEntry> DIRECTORY_ORDER = Manifests::compareEntries;

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
        return DIRECTORY_ORDER;
    }

    /**
     * Returns the canonical body of a directory: one {@code <octal perms> SP <name> NUL <20-byte id>}
     * record per entry, entries sorted by {@link #directoryOrder()} (stable for equal keys).
     *
     * @param entries the entries, in any order
     * @return the body bytes
     */
    public static byte[] directory(List<DirectoryEntry> entries) {
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeDirectory(entries, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /**
     * Returns the canonical body of a revision, from its fields (ignoring any raw manifest).
     *
     * @param revision the revision
     * @return the body bytes
     */
    public static byte[] revision(Revision revision) {
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeRevision(revision, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /**
     * Returns the canonical body of a release, from its fields (ignoring any raw manifest).
     *
     * @param release the release
     * @return the body bytes
     */
    public static byte[] release(Release release) {
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeRelease(release, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
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
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeSnapshot(branches, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /**
     * Returns the canonical body of raw extrinsic metadata.
     *
     * @param metadata the metadata
     * @return the body bytes
     */
    public static byte[] rawExtrinsicMetadata(RawExtrinsicMetadata metadata) {
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            ExtrinsicManifests.writeRawExtrinsicMetadata(metadata, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /**
     * Returns the canonical body of an ExtID.
     *
     * @param extId the ExtID
     * @return the body bytes
     */
    public static byte[] extId(ExtId extId) {
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            ExtrinsicManifests.writeExtId(extId, out);
            return out.toByteArray();
        } finally {
            out.release();
        }
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
        if (gitType.isEmpty() || !gitType.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
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
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeDirectory(directory.entries(), out);
            return out.toGitObject(TREE);
        } finally {
            out.release();
        }
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
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeRevision(revision, out);
            return out.toGitObject(COMMIT);
        } finally {
            out.release();
        }
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
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeRelease(release, out);
            return out.toGitObject(TAG);
        } finally {
            out.release();
        }
    }

    /**
     * Returns a snapshot's object bytes (header {@code snapshot}); git has no such type, but
     * {@code git hash-object --literally -t snapshot} accepts it.
     *
     * @param snapshot the snapshot
     * @return the full object bytes
     */
    public static byte[] gitObject(Snapshot snapshot) {
        ManifestBuffer out = ManifestBuffer.acquire();
        try {
            writeSnapshot(snapshot.branches(), out);
            return out.toGitObject(SNAPSHOT);
        } finally {
            out.release();
        }
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

    static void writeDirectory(List<DirectoryEntry> entries, ManifestBuffer out) {
        requireNonNull(entries, "entries is null");
        List<DirectoryEntry> sorted = entries;
        if (!isSorted(entries)) {
            sorted = new ArrayList<>(entries);
            sorted.sort(DIRECTORY_ORDER);
        }
        for (DirectoryEntry e : sorted) {
            out.octal(e.perms()).write(' ').write(e.name()).write(0).raw(e.target());
        }
    }

    private static boolean isSorted(List<DirectoryEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (compareEntries(entries.get(i - 1), entries.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    static void writeRevision(Revision r, ManifestBuffer out) {
        out.ascii("tree ").hex(r.directory()).write('\n');
        for (ObjectId parent : r.parents()) {
            out.ascii("parent ").hex(parent).write('\n');
        }
        if (r.author().isPresent()) {
            personLine("author", r.author().get(), r.date().orElse(null), out);
        }
        if (r.committer().isPresent()) {
            personLine("committer", r.committer().get(), r.committerDate().orElse(null), out);
        }
        for (Header h : r.extraHeaders()) {
            out.write(h.key()).write(' ').escaped(h.value()).write('\n');
        }
        if (r.message().isPresent()) {
            out.write('\n').write(r.message().get());
        }
    }

    static void writeRelease(Release r, ManifestBuffer out) {
        out.ascii("object ").hex(r.target()).write('\n');
        out.ascii("type ").ascii(releaseTargetWord(r.targetType())).write('\n');
        out.header("tag", r.name());
        if (r.author().isPresent()) {
            personLine("tagger", r.author().get(), r.date().orElse(null), out);
        }
        if (r.message().isPresent()) {
            out.write('\n').write(r.message().get());
        }
    }

    /** Writes {@code key SP escaped(fullname [SP timestamp SP offset]) LF}. */
    private static void personLine(String key, Person person, Timestamp date, ManifestBuffer out) {
        out.ascii(key).write(' ').escaped(person.fullname());
        if (date != null) {
            out.write(' ').timestamp(date.seconds(), date.microseconds()).write(' ').escaped(date.offset());
        }
        out.write('\n');
    }

    static void writeSnapshot(List<SnapshotBranch> branches, ManifestBuffer out) {
        requireNonNull(branches, "branches is null");
        List<SnapshotBranch> sorted = branches;
        for (int i = 1; i < branches.size(); i++) {
            if (branches.get(i - 1).name().compareTo(branches.get(i).name()) >= 0) {
                sorted = new ArrayList<>(branches);
                sorted.sort(Comparator.comparing(SnapshotBranch::name));
                break;
            }
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).name().equals(sorted.get(i).name())) {
                throw new VaultException(ErrorCode.INVALID_OBJECT,
                        "snapshot has two branches named '" + sorted.get(i).name() + "'; names must be unique");
            }
        }
        for (SnapshotBranch b : sorted) {
            BranchTarget t = b.target();
            if (t instanceof BranchTarget.ToObject o) {
                out.ascii(o.type().modelName()).write(' ').write(b.name()).write(0)
                        .decimal(ObjectId.LENGTH).write(':').raw(o.id());
            } else if (t instanceof BranchTarget.Alias a) {
                out.ascii("alias ").write(b.name()).write(0)
                        .decimal(a.name().length()).write(':').write(a.name());
            } else {
                out.ascii("dangling ").write(b.name()).write(0).ascii("0:");
            }
        }
    }

    /** Compares names as unsigned bytes, a DIR entry's name being read as if it ended with '/'. */
    static int compareEntries(DirectoryEntry x, DirectoryEntry y) {
        byte[] a = x.name().array();
        byte[] b = y.name().array();
        int common = Math.min(a.length, b.length);
        int i = java.util.Arrays.mismatch(a, 0, common, b, 0, common);
        if (i >= 0) {
            return Byte.compareUnsigned(a[i], b[i]);
        }
        boolean aDir = x.type() == EntryType.DIR;
        boolean bDir = y.type() == EntryType.DIR;
        for (int k = common; ; k++) {
            int ca = keyAt(a, aDir, k);
            int cb = keyAt(b, bDir, k);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            if (ca < 0) {
                return 0;
            }
        }
    }

    /** Returns the key byte at {@code k} (name, then '/' for directories), or -1 past its end. */
    private static int keyAt(byte[] name, boolean dir, int k) {
        if (k < name.length) {
            return name[k] & 0xff;
        }
        return k == name.length && dir ? '/' : -1;
    }
}
