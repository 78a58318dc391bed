package org.swhvault.source.swhrpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Timestamp;

/**
 * The vault's model as swh-model's {@code to_dict()} writes it (swh-model {@code swh/model/model.py} at
 * c32a818): the fields in its order, persons with the name and email {@code Person.from_fullname} guesses.
 */
final class ModelWriter {
    /** When the test archive says its contents were first seen. */
    static final Instant CTIME = Instant.parse("2024-05-06T07:08:09.123456Z");

    private ModelWriter() {
    }

    static ModelObject entry(DirectoryEntry e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", e.name());
        d.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
        d.put("target", bytes(e.target()));
        d.put("perms", (long) e.perms());
        return new ModelObject("DirectoryEntry", d);
    }

    /** A revision's dict; {@code revision_log} sends it bare, {@code revision_get} as a model object. */
    static Map<String, Object> revision(Revision r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("message", r.message().orElse(null));
        d.put("author", r.author().map(ModelWriter::person).orElse(null));
        d.put("committer", r.committer().map(ModelWriter::person).orElse(null));
        d.put("date", r.date().map(ModelWriter::date).orElse(null));
        d.put("committer_date", r.committerDate().map(ModelWriter::date).orElse(null));
        d.put("type", switch (r.type()) {
            case GIT -> "git";
            case TAR -> "tar";
            case DSC -> "dsc";
            case SUBVERSION -> "svn";
            case MERCURIAL -> "hg";
            case CVS -> "cvs";
            case BAZAAR -> "bzr";
        });
        d.put("directory", bytes(r.directory()));
        d.put("synthetic", r.synthetic());
        d.put("metadata", null);
        d.put("parents", r.parents().stream().map(ModelWriter::bytes).toList());
        d.put("id", bytes(r.id()));
        List<Object> headers = new ArrayList<>();
        for (Header h : r.extraHeaders()) {
            headers.add(List.of(h.key(), h.value()));
        }
        d.put("extra_headers", headers);
        r.rawManifest().ifPresent(raw -> d.put("raw_manifest", raw));
        return d;
    }

    static ModelObject release(Release r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", r.name());
        d.put("message", r.message().orElse(null));
        d.put("target", bytes(r.target()));
        d.put("target_type", r.targetType().modelName());
        d.put("synthetic", r.synthetic());
        d.put("author", r.author().map(ModelWriter::person).orElse(null));
        d.put("date", r.date().map(ModelWriter::date).orElse(null));
        d.put("id", bytes(r.id()));
        r.rawManifest().ifPresent(raw -> d.put("raw_manifest", raw));
        return new ModelObject("Release", d);
    }

    /** A snapshot branch, or None for a dangling one. */
    static ModelObject branch(BranchTarget target) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (target instanceof BranchTarget.ToObject o) {
            d.put("target", bytes(o.id()));
            d.put("target_type", o.type().modelName());
        } else if (target instanceof BranchTarget.Alias a) {
            d.put("target", a.name());
            d.put("target_type", "alias");
        } else {
            return null;
        }
        return new ModelObject("SnapshotBranch", d);
    }

    static ModelObject content(ContentHashes h, String status) {
        Map<String, Object> d = hashes(h);
        d.put("length", h.length());
        d.put("status", status);
        d.put("ctime", CTIME);
        return new ModelObject("Content", d);
    }

    static ModelObject skipped(ContentHashes h) {
        Map<String, Object> d = hashes(h);
        d.put("length", h.length());
        d.put("status", "absent");
        d.put("reason", "Content too large");
        d.put("ctime", CTIME);
        return new ModelObject("SkippedContent", d);
    }

    /** The four hashes, as {@code Content.hashes()} gives them to {@code content_get_data}. */
    static Map<String, Object> hashes(ContentHashes h) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sha1", h.sha1().orElseThrow());
        d.put("sha1_git", bytes(h.sha1Git()));
        d.put("sha256", h.sha256().orElseThrow());
        d.put("blake2s256", h.blake2s256().orElseThrow());
        return d;
    }

    static Map<String, Object> person(Person p) {
        byte[] full = p.fullname().toByteArray();
        Bytes name;
        Bytes email;
        int open = indexOf(full, '<', 0);
        if (open < 0) {
            name = p.fullname();
            email = null;
        } else {
            name = open == 0 ? null : strip(Bytes.of(full, 0, open));
            int close = lastIndexOf(full, '>', open + 1);
            email = close < 0 ? Bytes.of(full, open + 1, full.length - open - 1) : Bytes.of(full, open + 1, close - open - 1);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("fullname", p.fullname());
        d.put("name", name == null || name.isEmpty() ? null : name);
        d.put("email", email == null || email.isEmpty() ? null : email);
        return d;
    }

    static Map<String, Object> date(Timestamp t) {
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put("seconds", t.seconds());
        ts.put("microseconds", (long) t.microseconds());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("timestamp", ts);
        d.put("offset_bytes", t.offset());
        return d;
    }

    static Bytes bytes(ObjectId id) {
        return Bytes.wrap(id.toByteArray());
    }

    private static Bytes strip(Bytes b) {
        byte[] a = b.toByteArray();
        int s = 0;
        int e = a.length;
        while (s < e && Character.isWhitespace(a[s])) {
            s++;
        }
        while (e > s && Character.isWhitespace(a[e - 1])) {
            e--;
        }
        return Bytes.of(a, s, e - s);
    }

    private static int indexOf(byte[] a, char c, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] a, char c, int from) {
        for (int i = a.length - 1; i >= from; i--) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
