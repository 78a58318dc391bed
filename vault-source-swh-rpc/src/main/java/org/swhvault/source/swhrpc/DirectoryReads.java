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
 * Directories: one {@code directory_get_raw_manifest} call per batch tells which exist and which keep a raw
 * manifest (read from it, in its order, as the git source reads the same tree); the others are listed with
 * {@code directory_get_entries}, page by page, several directories at once.
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
            Map<?, ?> manifests = calls.call("directory/get_raw_manifest", DIR, Map.class,
                    kwargs("directory_ids", bytes(batch)));
            Map<ObjectId, Future<Optional<Directory>>> listed = new LinkedHashMap<>();
            for (ObjectId id : batch) {
                Bytes key = bytes(id);
                if (!manifests.containsKey(key)) {
                    continue;
                }
                Object raw = manifests.get(key);
                if (raw == null) {
                    listed.put(id, listings.submit(() -> listed(id)));
                } else {
                    found.put(id, calls.read(DIR, id, () -> new Directory(id, TreeManifest.entries((Bytes) raw),
                            Optional.of((Bytes) raw)), Identifiers::of));
                }
            }
            for (Map.Entry<ObjectId, Future<Optional<Directory>>> e : listed.entrySet()) {
                await(e.getValue()).ifPresent(d -> found.put(e.getKey(), d));
            }
        }
        return found;
    }

    /** Lists a directory without raw manifest, page by page; empty if it vanished meanwhile. */
    private Optional<Directory> listed(ObjectId id) {
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
        return Optional.of(calls.read(DIR, id, () -> Directory.of(entries), Identifiers::of));
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
