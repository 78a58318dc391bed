package org.swhvault.spi.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/** Writes the canonical bodies of the core object types into a {@link ManifestBuffer}. */
final class CanonicalWriter {
    static final Comparator<DirectoryEntry> DIRECTORY_ORDER = CanonicalWriter::compareEntries;

    private CanonicalWriter() {
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
        out.ascii("type ").ascii(Manifests.releaseTargetWord(r.targetType())).write('\n');
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
        int i = Arrays.mismatch(a, 0, common, b, 0, common);
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
