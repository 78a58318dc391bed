package org.swhvault.source.swhrpc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.swhvault.spi.model.BranchTarget;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.RevisionType;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Reads swh-model's {@code to_dict()} shapes (swh-model {@code swh/model/model.py}) into the vault's model, as
 * swh-model's {@code from_dict} reads them: persons by {@code fullname} (built from {@code name} and
 * {@code email} when missing), dates with {@code offset_bytes} or the old {@code offset}/{@code negative_utc}
 * (or a bare datetime or number of seconds), extra headers also from the old {@code metadata}. A dict of the
 * wrong shape throws {@link IllegalArgumentException} (or {@link ClassCastException}) saying what is wrong; the
 * ids of what is read are not checked here.
 */
final class ModelReader {
    private static final Map<String, RevisionType> REVISION_TYPES = Map.of("git", RevisionType.GIT, "tar",
            RevisionType.TAR, "dsc", RevisionType.DSC, "svn", RevisionType.SUBVERSION, "hg", RevisionType.MERCURIAL,
            "cvs", RevisionType.CVS, "bzr", RevisionType.BAZAAR);
    private static final Map<String, EntryType> ENTRY_TYPES = Map.of("file", EntryType.FILE, "dir", EntryType.DIR,
            "rev", EntryType.REV);

    /** A content's metadata and the hashes {@code content_get_data} is asked with. */
    record StoredContent(Content content, Map<String, Object> hashes) {
    }

    private ModelReader() {
    }

    static DirectoryEntry entry(Object value) {
        Fields f = Fields.of("DirectoryEntry", value);
        EntryType type = ENTRY_TYPES.get(f.required("type", String.class));
        if (type == null) {
            throw new IllegalArgumentException("a directory entry's type is file, dir or rev, not " + f.get("type"));
        }
        long perms = f.number("perms");
        if (perms < 0 || perms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a directory entry's perms " + perms + " is out of range");
        }
        return new DirectoryEntry(f.required("name", Bytes.class), type, (int) perms, f.id("target"));
    }

    static Revision revision(Object value) {
        Fields f = Fields.of("Revision", value);
        Revision.Builder b = Revision.builder().id(f.id("id")).directory(f.id("directory"));
        List<ObjectId> parents = new ArrayList<>();
        for (Object p : f.list("parents")) {
            parents.add(f.id((Bytes) p, "parents"));
        }
        b.parents(parents);
        set(person(f.get("author")), b::author);
        set(date(f.get("date")), b::date);
        set(person(f.get("committer")), b::committer);
        set(date(f.get("committer_date")), b::committerDate);
        b.extraHeaders(headers(f));
        set(f.optional("message", Bytes.class), b::message);
        RevisionType type = REVISION_TYPES.get(f.required("type", String.class));
        if (type == null) {
            throw new IllegalArgumentException("unknown revision type " + f.get("type"));
        }
        b.type(type).synthetic(f.required("synthetic", Boolean.class));
        set(f.optional("raw_manifest", Bytes.class), b::rawManifest);
        return b.build();
    }

    /** Hands {@code value} to a builder's setter, unless it is absent. */
    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** Extra headers, or, for revisions written before they had their own field, those kept in metadata. */
    private static List<Header> headers(Fields f) {
        List<?> raw = f.has("extra_headers") ? f.list("extra_headers") : List.of();
        if (raw.isEmpty() && f.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("extra_headers") instanceof List<?> old) {
            raw = old;
        }
        List<Header> headers = new ArrayList<>();
        for (Object h : raw) {
            List<?> pair = (List<?>) h;
            if (pair.size() != 2) {
                throw new IllegalArgumentException("an extra header is a key and a value, not " + pair.size() + " items");
            }
            headers.add(new Header((Bytes) pair.get(0), (Bytes) pair.get(1)));
        }
        return headers;
    }

    static Release release(Object value) {
        Fields f = Fields.of("Release", value);
        ObjectType targetType = ObjectType.fromModelName(f.required("target_type", String.class))
                .filter(ObjectType::isCore).orElseThrow(() -> new IllegalArgumentException(
                        "unknown release target type " + f.get("target_type")));
        Release.Builder b = Release.builder().id(f.id("id")).name(f.required("name", Bytes.class))
                .target(targetType, f.id("target")).synthetic(f.required("synthetic", Boolean.class));
        set(person(f.get("author")), b::author);
        set(date(f.get("date")), b::date);
        set(f.optional("message", Bytes.class), b::message);
        set(f.optional("raw_manifest", Bytes.class), b::rawManifest);
        return b.build();
    }

    /** A snapshot branch: None is a dangling branch, an alias names another branch. */
    static BranchTarget branch(Object value) {
        if (value == null) {
            return BranchTarget.DANGLING;
        }
        Fields f = Fields.of("SnapshotBranch", value);
        String type = f.required("target_type", String.class);
        if (type.equals("alias")) {
            return new BranchTarget.Alias(f.required("target", Bytes.class));
        }
        ObjectType t = ObjectType.fromModelName(type).filter(ObjectType::isCore)
                .orElseThrow(() -> new IllegalArgumentException("unknown branch target type " + type));
        return new BranchTarget.ToObject(t, f.id("target"));
    }

    static StoredContent content(Object value) {
        Fields f = Fields.of("Content", value);
        String status = f.required("status", String.class);
        ContentStatus s = switch (status) {
            case "visible" -> ContentStatus.VISIBLE;
            case "hidden" -> ContentStatus.HIDDEN;
            default -> throw new IllegalArgumentException("a content's status is visible or hidden, not " + status);
        };
        long length = f.number("length");
        Map<String, Object> hashes = new LinkedHashMap<>();
        for (String algo : List.of("sha1", "sha1_git", "sha256", "blake2s256")) {
            hashes.put(algo, f.required(algo, Bytes.class));
        }
        return new StoredContent(new Content(f.id("sha1_git"), length, s), hashes);
    }

    /** A skipped content: absent, of its length when the archive knows it (else 0). */
    static Content skipped(ObjectId id, Object value) {
        Fields f = Fields.of("SkippedContent", value);
        Long length = f.optional("length", Long.class);
        return new Content(id, length == null || length < 0 ? 0 : length, ContentStatus.ABSENT);
    }

    static Person person(Object value) {
        if (value == null) {
            return null;
        }
        Fields f = Fields.of("Person", value);
        if (f.get("fullname") != null) {
            return new Person(f.required("fullname", Bytes.class));
        }
        return Person.of(f.optional("name", Bytes.class), f.optional("email", Bytes.class));
    }

    /** A {@code TimestampWithTimezone} in any of the forms its {@code from_dict} reads. */
    static Timestamp date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long seconds) {
            return Timestamp.of(seconds, "+0000");
        }
        if (value instanceof Instant t) {
            return Timestamp.of(t, 0);
        }
        if (value instanceof OffsetDateTime t) {
            return Timestamp.of(t);
        }
        Fields f = Fields.of("TimestampWithTimezone", value);
        Object ts = f.get("timestamp");
        long seconds;
        long micros;
        if (ts instanceof Long s) {
            seconds = s;
            micros = 0;
        } else {
            Fields t = Fields.of("Timestamp", ts);
            seconds = t.has("seconds") ? t.number("seconds") : 0;
            micros = t.has("microseconds") ? t.number("microseconds") : 0;
        }
        if (micros < 0 || micros > 999_999) {
            throw new IllegalArgumentException("a timestamp's microseconds are " + micros);
        }
        if (f.has("offset_bytes")) {
            return new Timestamp(seconds, (int) micros, f.required("offset_bytes", Bytes.class));
        }
        long offset = f.number("offset");
        if (offset < Integer.MIN_VALUE || offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a date's offset of " + offset + " minutes is out of range");
        }
        Boolean negativeUtc = f.optional("negative_utc", Boolean.class);
        return Timestamp.ofOffsetMinutes(seconds, (int) micros, (int) offset, Boolean.TRUE.equals(negativeUtc));
    }
}
