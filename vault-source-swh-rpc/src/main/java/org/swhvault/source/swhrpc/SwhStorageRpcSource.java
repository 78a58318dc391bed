package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.MessagePackException;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.Snapshot;
import org.swhvault.spi.model.SnapshotBranch;
import org.swhvault.spi.source.EventuallyConsistent;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.MalformedMessageException;
import org.swhvault.swhrpc.PagedResult;
import org.swhvault.swhrpc.SwhMsgpack;

import static java.util.Objects.requireNonNull;

/**
 * The archive read through swh-storage's RPC API (swh-core's protocol: {@code POST {url}/{endpoint}}, msgpack
 * bodies), as the reference vault reads a Software Heritage mirror: best through swh-storage's masking proxy,
 * so that taken-down objects stay hidden. It is {@link EventuallyConsistent}: a mirror is fed by replication.
 *
 * <p>Every object read hashes back to its id, else the read fails with {@link ErrorCode#CORRUPT_OBJECT}:
 * directories (their entries, or their raw manifest), revisions and releases (read with
 * {@code ignore_displayname}, so persons are the raw full names; note that swh-storage's masking proxy applies
 * display names even so, and a revision whose author has one then fails to hash), snapshots (all their branches)
 * and contents' bytes (as they stream). Batch reads make one call per batch of ids (a directory's entries one
 * call per directory, several at once); paginated answers are followed as the server paginates.
 *
 * <p>Masked objects: a masked content reads as {@link ContentStatus#HIDDEN} (of unknown length, 0) and opening
 * it fails with {@link ErrorCode#CONTENT_UNAVAILABLE}; reading a masked directory, revision, release or snapshot
 * fails with {@link ErrorCode#CONTENT_UNAVAILABLE}, naming it. A server that cannot be reached, or answers 502
 * or 503, is retried with doubling delays; when it still fails, and on any other error, reads fail with
 * {@link ErrorCode#SOURCE_FAILURE} and one sentence that names the server and what it said.
 *
 * <p>Thread-safe. Every method blocks on the network. Close it to stop its threads.
 */
public final class SwhStorageRpcSource implements ObjectSource, EventuallyConsistent {
    /** How many revisions of a log are kept from the log call itself; the others are read again in batches. */
    private static final int LOG_KEPT = 10_000;
    /** How many contents' hashes are remembered between reading their metadata and opening their bytes. */
    private static final int CONTENTS_REMEMBERED = 10_000;

    private final RpcClient rpc;
    private final int batchSize;
    private final int pageSize;
    private final long maxContentSize;
    private final ExecutorService listings;
    private final Map<ObjectId, ModelReader.StoredContent> recent = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<ObjectId, ModelReader.StoredContent> eldest) {
                    return size() > CONTENTS_REMEMBERED;
                }
            });

    private SwhStorageRpcSource(Builder b) {
        this.rpc = new RpcClient(b.url, b.connectTimeout, b.timeout, b.retries, b.retryDelay);
        this.batchSize = b.batchSize;
        this.pageSize = b.pageSize;
        this.maxContentSize = b.maxContentSize;
        this.listings = Executors.newFixedThreadPool(b.parallelism, r -> {
            Thread t = new Thread(r, "swh-storage-rpc");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Returns a builder of a source reading the swh-storage RPC server at {@code url}.
     *
     * @param url the server's base URL, such as {@code http://storage-public:5002/}
     * @return a builder with the defaults its setters document
     * @throws IllegalArgumentException if {@code url} is not an http or https URL with a host
     */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /**
     * Returns a source reading the server at {@code url} with the defaults of {@link Builder}.
     *
     * @param url the server's base URL
     * @return the source; does not connect yet
     */
    public static SwhStorageRpcSource open(URI url) {
        return builder(url).build();
    }

    // --- directories ---

    @Override
    public Optional<Directory> directory(ObjectId id) {
        return Optional.ofNullable(directories(List.of(id)).get(id));
    }

    /**
     * {@inheritDoc} One {@code directory_get_raw_manifest} call per batch; a directory without raw manifest then
     * takes {@code directory_get_entries} calls (one per page), several directories at once.
     */
    @Override
    public Map<ObjectId, Directory> directories(Collection<ObjectId> ids) {
        Map<ObjectId, Directory> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            Map<?, ?> manifests = (Map<?, ?>) call("directory/get_raw_manifest", ObjectType.DIRECTORY, Map.class,
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
                    found.put(id, read(ObjectType.DIRECTORY, id, () -> {
                        Bytes manifest = (Bytes) raw;
                        return new Directory(id, TreeManifest.entries(manifest), Optional.of(manifest));
                    }, Identifiers::of));
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
            Object page = call("directory/get_entries", ObjectType.DIRECTORY, Object.class,
                    kwargs("directory_id", bytes(id), "page_token", token, "limit", (long) pageSize));
            if (page == null) {
                return Optional.empty();
            }
            PagedResult result = read(ObjectType.DIRECTORY, id, () -> (PagedResult) page, null);
            for (Object entry : result.results()) {
                entries.add(read(ObjectType.DIRECTORY, id, () -> ModelReader.entry(entry), null));
            }
            if (result.nextPageToken() != null && result.nextPageToken().equals(token)) {
                throw rpc.failure("gives the same page token twice when listing " + Swhid.of(ObjectType.DIRECTORY, id),
                        null);
            }
            token = result.nextPageToken();
        } while (token != null);
        return Optional.of(read(ObjectType.DIRECTORY, id, () -> Directory.of(entries), Identifiers::of));
    }

    // --- revisions and releases ---

    @Override
    public Optional<Revision> revision(ObjectId id) {
        return Optional.ofNullable(revisions(List.of(id)).get(id));
    }

    /** {@inheritDoc} One {@code revision_get} call per batch, with {@code ignore_displayname}. */
    @Override
    public Map<ObjectId, Revision> revisions(Collection<ObjectId> ids) {
        Map<ObjectId, Revision> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            List<?> got = aligned(batch, call("revision", ObjectType.REVISION, List.class,
                    kwargs("revision_ids", bytes(batch), "ignore_displayname", true)));
            for (int i = 0; i < batch.size(); i++) {
                Object value = got.get(i);
                if (value != null) {
                    ObjectId id = batch.get(i);
                    found.put(id, read(ObjectType.REVISION, id, () -> ModelReader.revision(value), Identifiers::of));
                }
            }
        }
        return found;
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        return Optional.ofNullable(releases(List.of(id)).get(id));
    }

    /** {@inheritDoc} One {@code release_get} call per batch, with {@code ignore_displayname}. */
    @Override
    public Map<ObjectId, Release> releases(Collection<ObjectId> ids) {
        Map<ObjectId, Release> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            List<?> got = aligned(batch, call("release", ObjectType.RELEASE, List.class,
                    kwargs("releases", bytes(batch), "ignore_displayname", true)));
            for (int i = 0; i < batch.size(); i++) {
                Object value = got.get(i);
                if (value != null) {
                    ObjectId id = batch.get(i);
                    found.put(id, read(ObjectType.RELEASE, id, () -> ModelReader.release(value), Identifiers::of));
                }
            }
        }
        return found;
    }

    /**
     * {@inheritDoc} Reads the log in one {@code revision_log} call, as it arrives, keeping each revision's
     * parents (and the first {@value #LOG_KEPT} revisions whole); lists them in {@link
     * org.swhvault.spi.source.HistoryWalk}'s order, reading the revisions not kept again in batches.
     */
    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        return new RevisionLog(this, head, LOG_KEPT, batchSize).stream();
    }

    /** Streams the {@code revision_log} answer to {@code each}, revision by revision, each checked. */
    void log(ObjectId head, java.util.function.Consumer<Revision> each) {
        String endpoint = "revision/log";
        try (InputStream body = open(endpoint, ObjectType.REVISION, kwargs("revisions", List.of(bytes(head)),
                "ignore_displayname", true, "limit", null)); MessageUnpacker in = SwhMsgpack.unpacker(body)) {
            if (in.getNextFormat().getValueType() != org.msgpack.value.ValueType.ARRAY) {
                throw rpc.failure("answered POST /" + endpoint + " with something else than a list", null);
            }
            int n = in.unpackArrayHeader();
            for (long i = 0; i < Integer.toUnsignedLong(n); i++) {
                Object value = StorageCodec.CODEC.read(in);
                if (value != null) {
                    Revision r = read(ObjectType.REVISION, head, () -> ModelReader.revision(value), null);
                    each.accept(read(ObjectType.REVISION, r.id(), () -> r, Identifiers::of));
                }
            }
        } catch (MalformedMessageException e) {
            throw rpc.malformed(endpoint, e);
        } catch (IOException | MessagePackException e) {
            throw rpc.failure("lost the answer to POST /" + endpoint + ": " + e.getMessage(), e);
        }
    }

    // --- snapshots ---

    /** {@inheritDoc} One {@code snapshot_get_branches} call per page of branches. */
    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        List<SnapshotBranch> branches = new ArrayList<>();
        Bytes from = Bytes.EMPTY;
        while (true) {
            Object got = call("snapshot/get_branches", ObjectType.SNAPSHOT, Object.class, kwargs("snapshot_id",
                    bytes(id), "branches_from", from, "branches_count", (long) pageSize, "target_types", null,
                    "branch_name_include_substring", null, "branch_name_exclude_prefix", null));
            if (got == null) {
                return Optional.empty();
            }
            Fields page = read(ObjectType.SNAPSHOT, id, () -> Fields.of("PartialBranches", got), null);
            Map<?, ?> named = read(ObjectType.SNAPSHOT, id, () -> page.required("branches", Map.class), null);
            for (Map.Entry<?, ?> e : named.entrySet()) {
                branches.add(read(ObjectType.SNAPSHOT, id, () -> new SnapshotBranch((Bytes) e.getKey(),
                        ModelReader.branch(e.getValue())), null));
            }
            Bytes next = read(ObjectType.SNAPSHOT, id, () -> page.optional("next_branch", Bytes.class), null);
            if (next == null) {
                break;
            }
            if (next.compareTo(from) <= 0) {
                throw rpc.failure("gives branches that do not advance when listing " + Swhid.of(ObjectType.SNAPSHOT, id),
                        null);
            }
            from = next;
        }
        return Optional.of(read(ObjectType.SNAPSHOT, id, () -> new Snapshot(id, branches), Identifiers::of));
    }

    // --- contents ---

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        return Optional.ofNullable(contents(List.of(sha1Git)).get(sha1Git));
    }

    /**
     * {@inheritDoc} One {@code content_get} call per batch (by {@code sha1_git}), then one
     * {@code skipped_content_find} per content it does not know, to tell absent from missing. A masked content
     * is hidden, of length 0.
     */
    @Override
    public Map<ObjectId, Content> contents(Collection<ObjectId> ids) {
        Map<ObjectId, Content> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            lookup(batch).forEach((id, stored) -> found.put(id, stored.content()));
        }
        return found;
    }

    private Map<ObjectId, ModelReader.StoredContent> lookup(List<ObjectId> batch) {
        Map<ObjectId, ModelReader.StoredContent> found = new LinkedHashMap<>();
        List<ObjectId> asked = new ArrayList<>(batch);
        List<?> got = List.of();
        while (!asked.isEmpty()) {
            try {
                got = aligned(asked, rpc.call("content/metadata", kwargs("contents", bytes(asked), "algo", "sha1_git")));
                break;
            } catch (MaskedObjects e) {
                List<ObjectId> masked = new ArrayList<>();
                for (Swhid s : e.swhids()) {
                    if (s.type() == ObjectType.CONTENT && asked.contains(s.id())) {
                        masked.add(s.id());
                    }
                }
                if (masked.isEmpty()) {
                    throw unavailable(Swhid.of(ObjectType.CONTENT, asked.get(0)), e);
                }
                for (ObjectId id : masked) {
                    found.put(id, new ModelReader.StoredContent(new Content(id, 0, ContentStatus.HIDDEN), null));
                }
                asked.removeAll(masked);
            }
        }
        for (int i = 0; i < got.size(); i++) {
            ObjectId id = asked.get(i);
            Object value = got.get(i);
            if (value == null) {
                skipped(id).ifPresent(c -> found.put(id, new ModelReader.StoredContent(c, null)));
                continue;
            }
            ModelReader.StoredContent stored = read(ObjectType.CONTENT, id, () -> ModelReader.content(value),
                    s -> s.content().sha1Git());
            found.put(id, stored);
            recent.put(id, stored);
        }
        return found;
    }

    private Optional<Content> skipped(ObjectId id) {
        List<?> got;
        try {
            got = (List<?>) rpc.call("content/skipped/find", kwargs("content", kwargs("sha1_git", bytes(id))));
        } catch (MaskedObjects e) {
            return Optional.of(new Content(id, 0, ContentStatus.HIDDEN));
        } catch (ClassCastException e) {
            throw corrupt(Swhid.of(ObjectType.CONTENT, id), "the skipped contents are not a list");
        }
        return got.isEmpty() ? Optional.empty()
                : Optional.of(read(ObjectType.CONTENT, id, () -> ModelReader.skipped(id, got.get(0)), null));
    }

    /**
     * {@inheritDoc} The bytes come in one {@code content_get_data} answer, one msgpack bin that the server holds
     * whole in memory, so contents are limited in size ({@code max-content-size}, 1 GiB unless set; never more
     * than 2 GiB, the longest bin read here): a larger one fails with {@link ErrorCode#BUNDLE_TOO_LARGE}. The
     * stream reads the bin as it arrives and checks that its bytes hash to {@code sha1Git} when they end
     * ({@link ErrorCode#CORRUPT_OBJECT} if not). A content the archive knows but whose bytes its objstorage
     * lacks fails with {@link ErrorCode#OBJECT_NOT_FOUND}.
     */
    @Override
    public InputStream openContent(ObjectId sha1Git) {
        requireNonNull(sha1Git, "sha1Git is null");
        Swhid swhid = Swhid.of(ObjectType.CONTENT, sha1Git);
        ModelReader.StoredContent stored = recent.get(sha1Git);
        if (stored == null) {
            stored = lookup(List.of(sha1Git)).get(sha1Git);
        }
        if (stored == null) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " is not in the archive at " + rpc.url() + ".");
        }
        Content content = stored.content();
        if (content.status() != ContentStatus.VISIBLE) {
            throw new VaultException(ErrorCode.CONTENT_UNAVAILABLE, swhid + " is "
                    + content.status().name().toLowerCase(java.util.Locale.ROOT) + " in the archive at " + rpc.url()
                    + ".");
        }
        if (content.length() > maxContentSize) {
            throw new VaultException(ErrorCode.BUNDLE_TOO_LARGE, swhid + " is " + content.length()
                    + " bytes long, more than the " + maxContentSize + " bytes this source reads in one answer.");
        }
        String endpoint = "content/data";
        InputStream body = open(endpoint, ObjectType.CONTENT, kwargs("content", stored.hashes()));
        try {
            MessageUnpacker in = SwhMsgpack.unpacker(body);
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.NIL) {
                in.close();
                throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, rpc + " knows " + swhid
                        + " but has none of its bytes.");
            }
            if (format.getValueType() != org.msgpack.value.ValueType.BINARY) {
                in.close();
                throw rpc.failure("answered POST /" + endpoint + " with a " + format.getValueType()
                        + ", not the bytes of " + swhid, null);
            }
            long length = Integer.toUnsignedLong(in.unpackBinaryHeader());
            if (length != content.length()) {
                in.close();
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, rpc + " serves " + length + " bytes for " + swhid
                        + ", whose length is " + content.length() + ".");
            }
            return new ContentStream(in, sha1Git, length, what -> rpc.failure(what, null));
        } catch (IOException | MessagePackException e) {
            closeQuietly(body);
            throw rpc.failure("lost the answer to POST /" + endpoint + ": " + e.getMessage(), e);
        }
    }

    // --- existence ---

    /** {@inheritDoc} Asks the {@code *_missing} endpoints, which read no more than an index; contents by metadata. */
    @Override
    public boolean exists(Swhid swhid) {
        String endpoint;
        String argument;
        switch (swhid.type()) {
            case CONTENT:
                return content(swhid.id()).isPresent();
            case DIRECTORY:
                endpoint = "directory/missing";
                argument = "directories";
                break;
            case REVISION:
                endpoint = "revision/missing";
                argument = "revisions";
                break;
            case RELEASE:
                endpoint = "release/missing";
                argument = "releases";
                break;
            case SNAPSHOT:
                endpoint = "snapshot/missing";
                argument = "snapshots";
                break;
            default:
                throw new IllegalArgumentException("not an archive object type: " + swhid.type());
        }
        List<?> missing = call(endpoint, swhid.type(), List.class, kwargs(argument, List.of(bytes(swhid.id()))));
        return missing.isEmpty();
    }

    /** Stops the threads that list directories. */
    @Override
    public void close() {
        listings.shutdownNow();
    }

    @Override
    public String toString() {
        return "swh-storage-rpc source at " + rpc.url();
    }

    // --- helpers ---

    private <T> T call(String endpoint, ObjectType type, Class<T> expected, Map<String, Object> kwargs) {
        Object got;
        try {
            got = rpc.call(endpoint, kwargs);
        } catch (MaskedObjects e) {
            throw unavailable(firstMasked(e, type), e);
        }
        if (got != null && !expected.isInstance(got)) {
            throw rpc.failure("answered POST /" + endpoint + " with " + Fields.describe(got) + ", not a "
                    + expected.getSimpleName(), null);
        }
        return expected.cast(got);
    }

    private InputStream open(String endpoint, ObjectType type, Map<String, Object> kwargs) {
        try {
            return rpc.open(endpoint, kwargs);
        } catch (MaskedObjects e) {
            throw unavailable(firstMasked(e, type), e);
        }
    }

    private static Swhid firstMasked(MaskedObjects e, ObjectType type) {
        return e.swhids().stream().filter(s -> s.type() == type).findFirst()
                .or(() -> e.swhids().stream().findFirst())
                .orElse(null);
    }

    private VaultException unavailable(Swhid swhid, MaskedObjects e) {
        return new VaultException(ErrorCode.CONTENT_UNAVAILABLE, (swhid == null ? "An object" : swhid.toString())
                + " is masked by " + rpc + " and cannot be read (" + e.getMessage() + ").", e);
    }

    /**
     * Reads an object with {@code reader}, and, with {@code id} not null, checks that it hashes to the id it is
     * read under: a dict of the wrong shape or an object that hashes to another id is a corrupt object.
     */
    private <T> T read(ObjectType type, ObjectId expected, Supplier<T> reader,
            java.util.function.Function<T, ObjectId> id) {
        Swhid swhid = Swhid.of(type, expected);
        T value;
        try {
            value = reader.get();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw corrupt(swhid, e.getMessage());
        } catch (VaultException e) {
            if (e.code() == ErrorCode.INVALID_OBJECT || e.code() == ErrorCode.INVALID_ARGUMENT) {
                throw corrupt(swhid, e.getMessage());
            }
            throw e;
        }
        if (id != null) {
            ObjectId got = id.apply(value);
            if (!got.equals(expected)) {
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, swhid + " as " + rpc + " serves it hashes to "
                        + got + ", not to its id.");
            }
        }
        return value;
    }

    private VaultException corrupt(Swhid swhid, String what) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, rpc + " serves " + swhid + " in a form that cannot be read: "
                + what + ".");
    }

    private List<?> aligned(List<ObjectId> asked, Object got) {
        if (!(got instanceof List<?> list) || list.size() != asked.size()) {
            throw rpc.failure("answered " + Fields.describe(got) + (got instanceof List<?> l ? " of " + l.size() : "")
                    + " for " + asked.size() + " ids", null);
        }
        return list;
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

    private List<List<ObjectId>> batches(Collection<ObjectId> ids) {
        List<ObjectId> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        List<List<ObjectId>> out = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += batchSize) {
            out.add(distinct.subList(i, Math.min(distinct.size(), i + batchSize)));
        }
        return out;
    }

    static Bytes bytes(ObjectId id) {
        return Bytes.wrap(id.toByteArray());
    }

    private static List<Object> bytes(List<ObjectId> ids) {
        List<Object> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(bytes(id)));
        return out;
    }

    /** Keyword arguments, in the order given (the method's parameter order, as swh-core's client sends them). */
    static Map<String, Object> kwargs(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the failure being reported matters more
        }
    }

    /**
     * Configures a {@link SwhStorageRpcSource}. Every setter checks its argument at once and returns this
     * builder; not thread-safe.
     */
    public static final class Builder {
        private final URI url;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofMinutes(5);
        private int retries = 3;
        private Duration retryDelay = Duration.ofSeconds(1);
        private int batchSize = 1000;
        private int pageSize = 1000;
        private int parallelism = 4;
        private long maxContentSize = 1L << 30;

        private Builder(URI url) {
            requireNonNull(url, "url is null");
            if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme()) || url.getHost() == null
                    || url.getQuery() != null || url.getFragment() != null) {
                throw new IllegalArgumentException("the url of a swh-storage RPC server is http://HOST:PORT/ or "
                        + "https://…, without query or fragment, got '" + url + "'");
            }
            this.url = url;
        }

        /**
         * Sets how long connecting may take (default 10 s).
         *
         * @param connectTimeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long the server may take before its answer starts (default 5 min); the answer itself may
         * take longer to arrive. A call that times out is not retried, as swh-core's client does not retry it.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * Sets how many times a call is tried again after a 502, a 503 or a server that cannot be reached
         * (default 3).
         *
         * @param retries 0 or more
         * @return this builder
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * Sets the delay before the first retry (default 1 s); each next one waits twice as long, up to a
         * minute.
         *
         * @param retryDelay a duration, possibly zero
         * @return this builder
         */
        public Builder retryDelay(Duration retryDelay) {
            requireNonNull(retryDelay, "retryDelay is null");
            if (retryDelay.isNegative()) {
                throw new IllegalArgumentException("retryDelay must not be negative, got " + retryDelay);
            }
            this.retryDelay = retryDelay;
            return this;
        }

        /**
         * Sets how many ids one call asks for at most (default 1000).
         *
         * @param batchSize 1 or more
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = atLeastOne(batchSize, "batchSize");
            return this;
        }

        /**
         * Sets how many directory entries or snapshot branches one page asks for (default 1000).
         *
         * @param pageSize 1 or more
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = atLeastOne(pageSize, "pageSize");
            return this;
        }

        /**
         * Sets how many directories are listed at once (default 4).
         *
         * @param parallelism 1 or more
         * @return this builder
         */
        public Builder parallelism(int parallelism) {
            this.parallelism = atLeastOne(parallelism, "parallelism");
            return this;
        }

        /**
         * Sets the largest content read (default 1 GiB; at most 2 GiB - 1), since the server sends each in one
         * answer.
         *
         * @param maxContentSize 0 to {@link Integer#MAX_VALUE} bytes
         * @return this builder
         */
        public Builder maxContentSize(long maxContentSize) {
            if (maxContentSize < 0 || maxContentSize > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxContentSize must be from 0 to " + Integer.MAX_VALUE
                        + " bytes, got " + maxContentSize);
            }
            this.maxContentSize = maxContentSize;
            return this;
        }

        /**
         * Returns the source. It does not connect until it is read.
         *
         * @return the source
         */
        public SwhStorageRpcSource build() {
            return new SwhStorageRpcSource(this);
        }

        private static Duration positive(Duration d, String name) {
            requireNonNull(d, name + " is null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        private static int atLeastOne(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be 1 or more, got " + n);
            }
            return n;
        }
    }
}
