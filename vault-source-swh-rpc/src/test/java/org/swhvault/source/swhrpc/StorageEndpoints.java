package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.ExceptionBody;
import org.swhvault.swhrpc.ExtraValue;
import org.swhvault.swhrpc.PagedResult;

/**
 * What swh-storage's methods answer (swh-storage {@code swh/storage/interface.py} at 6372b22), computed from any
 * {@link ObjectSource}, behind a masking proxy like swh-storage's ({@code proxies/masking/cls.py}): a call that
 * would return a masked object, or that names one in its arguments, fails with a {@code MaskedObjectException}.
 * Directory entries are paginated by name as swh-storage's Cassandra back end does, snapshot branches as both
 * back ends do; a revision log lists ancestors breadth first with None for the missing ones, as PostgreSQL's
 * does.
 */
final class StorageEndpoints {
    /** A failure answered with swh-core's error body. */
    static final class RemoteError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient ExceptionBody body;

        RemoteError(int status, ExceptionBody body) {
            super(body.toString(), null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    private static final UUID REQUEST = UUID.fromString("6b0b3e3c-3f5c-4a8e-9d7e-2d7c1e9a0b11");

    private final ObjectSource source;
    private final Set<Swhid> masked = ConcurrentHashMap.newKeySet();
    private final Map<ObjectId, ContentHashes> hashes = new ConcurrentHashMap<>();
    private final Map<Bytes, Person> displayNames = new ConcurrentHashMap<>();

    StorageEndpoints(ObjectSource source) {
        this.source = source;
    }

    /** Masks objects, as a takedown request does. */
    void mask(Swhid... swhids) {
        masked.addAll(List.of(swhids));
    }

    /**
     * Gives the person of an email address a display name, which the masking proxy puts in place of the
     * authors and committers with that address, whether asked to ignore display names or not.
     */
    void displayName(String email, String fullname) {
        displayNames.put(Bytes.utf8(email), Person.of(fullname));
    }

    private Revision displayed(Revision r) {
        return new Revision(r.id(), r.directory(), r.parents(), r.author().map(this::displayed), r.date(),
                r.committer().map(this::displayed), r.committerDate(), r.extraHeaders(), r.message(), r.type(),
                r.synthetic(), r.rawManifest());
    }

    private Person displayed(Person p) {
        Object email = ModelWriter.person(p).get("email");
        return email == null ? p : displayNames.getOrDefault((Bytes) email, p);
    }

    Object call(String endpoint, Map<?, ?> kw) {
        return switch (endpoint) {
            case "directory/missing" -> missing(ObjectType.DIRECTORY, ids(kw.get("directories")));
            case "revision/missing" -> missing(ObjectType.REVISION, ids(kw.get("revisions")));
            case "release/missing" -> missing(ObjectType.RELEASE, ids(kw.get("releases")));
            case "snapshot/missing" -> missing(ObjectType.SNAPSHOT, ids(kw.get("snapshots")));
            case "content/missing/sha1_git" -> missing(ObjectType.CONTENT, ids(kw.get("contents")));
            case "directory/get_raw_manifest" -> rawManifests(ids(kw.get("directory_ids")));
            case "directory/get_entries" -> entries(id(kw.get("directory_id")), (Bytes) kw.get("page_token"),
                    (Long) kw.get("limit"));
            case "revision" -> revisions(ids(kw.get("revision_ids")));
            case "revision/log" -> log(ids(kw.get("revisions")), (Long) kw.get("limit"));
            case "release" -> releases(ids(kw.get("releases")));
            case "snapshot/get_branches" -> branches(id(kw.get("snapshot_id")), (Bytes) kw.get("branches_from"),
                    (Long) kw.get("branches_count"));
            case "content/metadata" -> contents(ids(kw.get("contents")), (String) kw.get("algo"));
            case "content/skipped/find" -> skipped((Map<?, ?>) kw.get("content"));
            default -> throw new RemoteError(404, ExceptionBody.of("NotFound", "werkzeug.exceptions",
                    "404 Not Found: The requested URL was not found on the server."));
        };
    }

    /** The bytes {@code content/data} answers for a hash dict, or empty for None. */
    Optional<InputStream> data(Map<?, ?> kw) {
        Map<?, ?> hashDict = (Map<?, ?>) kw.get("content");
        ObjectId id = id(hashDict.get("sha1_git"));
        Optional<Content> c = source.content(id);
        if (c.isEmpty() || c.get().status() != ContentStatus.VISIBLE) {
            return Optional.empty();
        }
        raiseIfMasked(List.of(Swhid.of(ObjectType.CONTENT, id)));
        return Optional.of(source.openContent(id));
    }

    long length(ObjectId id) {
        return source.content(id).orElseThrow().length();
    }

    private List<Object> missing(ObjectType type, List<ObjectId> ids) {
        List<Object> out = new ArrayList<>();
        for (ObjectId id : ids) {
            if (!source.exists(Swhid.of(type, id))) {
                out.add(ModelWriter.bytes(id));
            }
        }
        return out;
    }

    private Map<Object, Object> rawManifests(List<ObjectId> ids) {
        Map<Object, Object> out = new LinkedHashMap<>();
        Map<ObjectId, Directory> found = source.directories(ids);
        for (ObjectId id : ids) {
            Directory d = found.get(id);
            if (d != null) {
                out.put(ModelWriter.bytes(id), d.rawManifest().orElse(null));
            }
        }
        raiseIfMasked(ids.stream().filter(found::containsKey).map(id -> Swhid.of(ObjectType.DIRECTORY, id)).toList());
        return out;
    }

    private PagedResult entries(ObjectId id, Bytes from, Long limit) {
        Optional<Directory> d = source.directory(id);
        if (d.isEmpty()) {
            return null;
        }
        raiseIfMasked(List.of(Swhid.of(ObjectType.DIRECTORY, id)));
        List<DirectoryEntry> sorted = new ArrayList<>(d.get().entries());
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        List<Object> page = new ArrayList<>();
        Bytes next = null;
        for (DirectoryEntry e : sorted) {
            if (from != null && e.name().compareTo(from) < 0) {
                continue;
            }
            if (page.size() == limit) {
                next = e.name();
                break;
            }
            page.add(ModelWriter.entry(e));
        }
        return new PagedResult(page, next, null);
    }

    private List<Object> revisions(List<ObjectId> ids) {
        Map<ObjectId, Revision> found = source.revisions(ids);
        raiseIfMasked(found.keySet().stream().map(id -> Swhid.of(ObjectType.REVISION, id)).toList());
        List<Object> out = new ArrayList<>();
        for (ObjectId id : ids) {
            Revision r = found.get(id);
            out.add(r == null ? null : new ModelObject("Revision", ModelWriter.revision(displayed(r))));
        }
        return out;
    }

    private List<Object> log(List<ObjectId> roots, Long limit) {
        List<Object> out = new ArrayList<>();
        Set<ObjectId> seen = new HashSet<>();
        Deque<ObjectId> todo = new ArrayDeque<>();
        for (ObjectId root : roots) {
            if (source.revision(root).isPresent() && seen.add(root)) {
                todo.add(root);
            }
        }
        List<Swhid> listed = new ArrayList<>();
        while (!todo.isEmpty() && (limit == null || out.size() < limit)) {
            ObjectId id = todo.poll();
            Optional<Revision> r = source.revision(id);
            if (r.isEmpty()) {
                out.add(null);
                continue;
            }
            out.add(ModelWriter.revision(displayed(r.get())));
            listed.add(Swhid.of(ObjectType.REVISION, id));
            for (ObjectId p : r.get().parents()) {
                if (seen.add(p)) {
                    todo.add(p);
                }
            }
        }
        raiseIfMasked(listed);
        return out;
    }

    private List<Object> releases(List<ObjectId> ids) {
        Map<ObjectId, Release> found = source.releases(ids);
        raiseIfMasked(found.keySet().stream().map(id -> Swhid.of(ObjectType.RELEASE, id)).toList());
        List<Object> out = new ArrayList<>();
        for (ObjectId id : ids) {
            Release r = found.get(id);
            out.add(r == null ? null : ModelWriter.release(r));
        }
        return out;
    }

    private Map<String, Object> branches(ObjectId id, Bytes from, Long count) {
        Optional<Snapshot> s = source.snapshot(id);
        if (s.isEmpty()) {
            return null;
        }
        raiseIfMasked(List.of(Swhid.of(ObjectType.SNAPSHOT, id)));
        Map<Object, Object> page = new LinkedHashMap<>();
        Bytes next = null;
        for (SnapshotBranch b : s.get().branches()) {
            if (b.name().compareTo(from) < 0) {
                continue;
            }
            if (page.size() == count) {
                next = b.name();
                break;
            }
            page.put(b.name(), ModelWriter.branch(b.target()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", ModelWriter.bytes(id));
        out.put("branches", page);
        out.put("next_branch", next);
        return out;
    }

    private List<Object> contents(List<ObjectId> ids, String algo) {
        if (!algo.equals("sha1_git")) {
            throw new IllegalArgumentException("the test server looks contents up by sha1_git only");
        }
        Map<ObjectId, Content> found = source.contents(ids);
        List<Object> out = new ArrayList<>();
        List<Swhid> listed = new ArrayList<>();
        for (ObjectId id : ids) {
            Content c = found.get(id);
            if (c == null || c.status() == ContentStatus.ABSENT) {
                out.add(null);
                continue;
            }
            listed.add(Swhid.of(ObjectType.CONTENT, id));
            out.add(ModelWriter.content(hashes(c), c.status() == ContentStatus.HIDDEN ? "hidden" : "visible"));
        }
        raiseIfMasked(listed);
        return out;
    }

    private List<Object> skipped(Map<?, ?> hashDict) {
        ObjectId id = id(hashDict.get("sha1_git"));
        Optional<Content> c = source.content(id);
        if (c.isEmpty() || c.get().status() != ContentStatus.ABSENT) {
            return List.of();
        }
        raiseIfMasked(List.of(Swhid.of(ObjectType.CONTENT, id)));
        return List.of(ModelWriter.skipped(hashes(c.get())));
    }

    /** The content's hashes, from its bytes when it has them (else made up: nothing checks them). */
    private ContentHashes hashes(Content c) {
        return hashes.computeIfAbsent(c.sha1Git(), id -> {
            if (c.status() != ContentStatus.VISIBLE) {
                return new ContentHashes(id, c.length(), Optional.of(Bytes.of(new byte[20])),
                        Optional.of(Bytes.of(new byte[32])), Optional.of(Bytes.of(new byte[32])));
            }
            try (InputStream in = source.openContent(id)) {
                // the id the archive knows it under, whatever its bytes hash to
                ContentHashes h = ContentHasher.allHashes().hash(in, c.length());
                return new ContentHashes(id, h.length(), h.sha1(), h.sha256(), h.blake2s256());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** What the masking proxy raises when any of {@code swhids} is masked. */
    private void raiseIfMasked(Collection<Swhid> swhids) {
        Set<Swhid> hit = new LinkedHashSet<>();
        for (Swhid s : swhids) {
            if (masked.contains(s)) {
                hit.add(s);
            }
        }
        if (hit.isEmpty()) {
            return;
        }
        Map<Object, Object> arg = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (Swhid s : hit) {
            arg.put(new ExtraValue("extended_swhid", s.toString()),
                    List.of(new StorageCodec.MaskedStatus("DECISION_PENDING", REQUEST)));
            parts.add(s + " by request " + REQUEST + " (DECISION_PENDING)");
        }
        String message = "Some objects are masked: " + String.join(", ", parts);
        throw new RemoteError(400, new ExceptionBody("MaskedObjectException", "swh.storage.exc", List.of(arg), message,
                List.of("swh.storage.exc.MaskedObjectException: " + message + "\n")));
    }

    private static ObjectId id(Object bytes) {
        return ObjectId.of(((Bytes) bytes).toByteArray());
    }

    private static List<ObjectId> ids(Object list) {
        List<ObjectId> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(id(o));
        }
        return out;
    }
}
