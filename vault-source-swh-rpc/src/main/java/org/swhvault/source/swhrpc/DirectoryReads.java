package org.swhvault.source.swhrpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.PagedResult;

import static org.swhvault.source.swhrpc.Calls.bytes;
import static org.swhvault.source.swhrpc.Calls.kwargs;

/**
 * Directories: each listed with {@code directory_get_entries}, page by page, several at once (swh-storage has
 * no call that lists many). Entries that do not hash to the directory's id belong to one of the rare directories
 * the archive keeps a raw manifest of: those are asked for in one {@code directory_get_raw_manifest} call per
 * batch and read from it, in its order, as the git source reads the same tree.
 */
final class DirectoryReads {
    private static final ObjectType DIR = ObjectType.DIRECTORY;

    private final Calls calls;
    private final ExecutorService listings;
    private final int pageSize;

    DirectoryReads(Calls calls, ExecutorService listings, int pageSize) {
        this.calls = calls;
        this.listings = listings;
        this.pageSize = pageSize;
    }

    Map<ObjectId, Directory> read(Collection<ObjectId> ids) {
        Map<ObjectId, Directory> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : calls.batches(ids)) {
            Map<ObjectId, Future<Optional<List<DirectoryEntry>>>> listed = new LinkedHashMap<>();
            for (ObjectId id : batch.subList(1, batch.size())) {
                listed.put(id, listings.submit(() -> entries(id)));
            }
            List<ObjectId> raw = new ArrayList<>();
            for (ObjectId id : batch) {
                Optional<List<DirectoryEntry>> entries = id == batch.get(0) ? entries(id) : await(listed.get(id));
                entries.ifPresent(e -> canonical(id, e).ifPresentOrElse(d -> found.put(id, d), () -> raw.add(id)));
            }
            if (!raw.isEmpty()) {
                found.putAll(fromRawManifests(raw));
            }
        }
        return found;
    }

    /** The directory the entries make, if it has the id (else the archive must hold its raw manifest). */
    private Optional<Directory> canonical(ObjectId id, List<DirectoryEntry> entries) {
        try {
            Directory d = Directory.of(entries);
            return d.id().equals(id) ? Optional.of(d) : Optional.empty();
        } catch (VaultException e) {
            return Optional.empty();
        }
    }

    private Map<ObjectId, Directory> fromRawManifests(List<ObjectId> ids) {
        Map<?, ?> manifests = calls.call("directory/get_raw_manifest", DIR, Map.class,
                kwargs("directory_ids", bytes(ids)));
        Map<ObjectId, Directory> found = new LinkedHashMap<>();
        for (ObjectId id : ids) {
            Bytes key = bytes(id);
            if (!manifests.containsKey(key)) {
                continue;
            }
            Object raw = manifests.get(key);
            if (raw == null) {
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(DIR, id) + " as " + calls.rpc
                        + " serves it hashes to another id, and the archive keeps no raw manifest of it.");
            }
            found.put(id, calls.read(DIR, id, () -> new Directory(id, TreeManifest.entries((Bytes) raw),
                    Optional.of((Bytes) raw)), Identifiers::of));
        }
        return found;
    }

    /** Lists a directory's entries, page by page; empty if the archive does not have it. */
    private Optional<List<DirectoryEntry>> entries(ObjectId id) {
        List<DirectoryEntry> entries = new ArrayList<>();
        Object token = null;
        do {
            Object page = calls.call("directory/get_entries", DIR, Object.class,
                    kwargs("directory_id", bytes(id), "page_token", token, "limit", (long) pageSize));
            if (page == null) {
                return Optional.empty();
            }
            PagedResult result = calls.read(DIR, id, () -> (PagedResult) page, null);
            for (Object entry : result.results()) {
                entries.add(calls.read(DIR, id, () -> ModelReader.entry(entry), null));
            }
            if (result.nextPageToken() != null && result.nextPageToken().equals(token)) {
                throw calls.rpc.failure("gives the same page token twice when listing " + Swhid.of(DIR, id), null);
            }
            token = result.nextPageToken();
        } while (token != null);
        return Optional.of(entries);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new VaultException(ErrorCode.CANCELLED, "Interrupted while listing directories.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
