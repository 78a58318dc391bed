package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.Directory;
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
import org.swhvault.swhrpc.SwhMsgpack;

import static java.util.Objects.requireNonNull;
import static org.swhvault.source.swhrpc.Calls.bytes;
import static org.swhvault.source.swhrpc.Calls.kwargs;

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

    private final Calls calls;
    private final int pageSize;
    private final int batchSize;
    private final ExecutorService listings;
    private final DirectoryReads directories;
    private final ContentReads contents;

    private SwhStorageRpcSource(Builder b) {
        this.calls = new Calls(new RpcClient(b.url, b.connectTimeout, b.timeout, b.retries, b.retryDelay),
                b.batchSize);
        this.pageSize = b.pageSize;
        this.batchSize = b.batchSize;
        this.listings = Executors.newFixedThreadPool(b.parallelism, r -> {
            Thread t = new Thread(r, "swh-storage-rpc");
            t.setDaemon(true);
            return t;
        });
        this.directories = new DirectoryReads(calls, listings, b.pageSize);
        this.contents = new ContentReads(calls, b.maxContentSize);
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
     * @return the source; it does not connect until it is read
     * @throws IllegalArgumentException if {@code url} is not an http or https URL with a host
     */
    public static SwhStorageRpcSource open(URI url) {
        return builder(url).build();
    }

    @Override
    public Optional<Directory> directory(ObjectId id) {
        return Optional.ofNullable(directories(List.of(id)).get(id));
    }

    /**
     * {@inheritDoc} Each directory takes {@code directory_get_entries} calls (one per page), several directories
     * at once; those whose entries do not hash to their id (the few the archive keeps a raw manifest of) one
     * {@code directory_get_raw_manifest} call per batch more.
     */
    @Override
    public Map<ObjectId, Directory> directories(Collection<ObjectId> ids) {
        return directories.read(ids);
    }

    @Override
    public Optional<Revision> revision(ObjectId id) {
        return Optional.ofNullable(revisions(List.of(id)).get(id));
    }

    /** {@inheritDoc} One {@code revision_get} call per batch, with {@code ignore_displayname}. */
    @Override
    public Map<ObjectId, Revision> revisions(Collection<ObjectId> ids) {
        return calls.objects(ids, ObjectType.REVISION, "revision", "revision_ids", ModelReader::revision,
                Identifiers::of);
    }

    @Override
    public Optional<Release> release(ObjectId id) {
        return Optional.ofNullable(releases(List.of(id)).get(id));
    }

    /** {@inheritDoc} One {@code release_get} call per batch, with {@code ignore_displayname}. */
    @Override
    public Map<ObjectId, Release> releases(Collection<ObjectId> ids) {
        return calls.objects(ids, ObjectType.RELEASE, "release", "releases", ModelReader::release, Identifiers::of);
    }

    /**
     * {@inheritDoc} Reads the log in one {@code revision_log} call, as it arrives, keeping each revision's
     * parents (and the first {@value #LOG_KEPT} revisions whole), and lists it in {@link
     * org.swhvault.spi.source.HistoryWalk}'s order, as the git source does, reading the revisions not kept again
     * in batches.
     */
    @Override
    public Stream<Revision> revisionLog(ObjectId head) {
        return revisionLog(head, LOG_KEPT);
    }

    /** The log, keeping at most {@code keep} revisions whole from the log call. */
    Stream<Revision> revisionLog(ObjectId head, int keep) {
        requireNonNull(head, "head is null");
        return new RevisionLog(this, head, keep, batchSize).stream();
    }

    /** Streams the {@code revision_log} answer to {@code each}, revision by revision, each checked. */
    void readLog(ObjectId head, Consumer<Revision> each) {
        String endpoint = "revision/log";
        ObjectType rev = ObjectType.REVISION;
        try (InputStream body = calls.open(endpoint, rev, kwargs("revisions", List.of(bytes(head)),
                "ignore_displayname", true, "limit", null)); MessageUnpacker in = SwhMsgpack.unpacker(body)) {
            if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
                throw calls.rpc.failure("answered POST /" + endpoint + " with something else than a list", null);
            }
            long n = Integer.toUnsignedLong(in.unpackArrayHeader());
            for (long i = 0; i < n; i++) {
                Object value = StorageCodec.CODEC.read(in);
                if (value != null) {
                    Revision r = calls.read(rev, head, () -> ModelReader.revision(value), null);
                    each.accept(calls.read(rev, r.id(), () -> r, Identifiers::of));
                }
            }
        } catch (MalformedMessageException e) {
            throw calls.rpc.malformed(endpoint, e);
        } catch (IOException | MessagePackException e) {
            throw calls.rpc.failure("lost the answer to POST /" + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** {@inheritDoc} One {@code snapshot_get_branches} call per page of branches. */
    @Override
    public Optional<Snapshot> snapshot(ObjectId id) {
        ObjectType snp = ObjectType.SNAPSHOT;
        List<SnapshotBranch> branches = new ArrayList<>();
        Bytes from = Bytes.EMPTY;
        while (true) {
            Object got = calls.call("snapshot/get_branches", snp, Object.class, kwargs("snapshot_id", bytes(id),
                    "branches_from", from, "branches_count", (long) pageSize, "target_types", null,
                    "branch_name_include_substring", null, "branch_name_exclude_prefix", null));
            if (got == null) {
                return Optional.empty();
            }
            Fields page = calls.read(snp, id, () -> Fields.of("PartialBranches", got), null);
            Map<?, ?> named = calls.read(snp, id, () -> page.required("branches", Map.class), null);
            for (Map.Entry<?, ?> e : named.entrySet()) {
                branches.add(calls.read(snp, id, () -> new SnapshotBranch((Bytes) e.getKey(),
                        ModelReader.branch(e.getValue())), null));
            }
            Bytes next = calls.read(snp, id, () -> page.optional("next_branch", Bytes.class), null);
            if (next == null) {
                break;
            }
            if (next.compareTo(from) <= 0) {
                throw calls.rpc.failure("gives branches that do not advance when listing " + Swhid.of(snp, id), null);
            }
            from = next;
        }
        return Optional.of(calls.read(snp, id, () -> new Snapshot(id, branches), Identifiers::of));
    }

    @Override
    public Optional<Content> content(ObjectId sha1Git) {
        return Optional.ofNullable(contents(List.of(sha1Git)).get(sha1Git));
    }

    /**
     * {@inheritDoc} One {@code content_get} call per batch (by {@code sha1_git}), then one
     * {@code skipped_content_find} per content it does not know, to tell absent from missing. A masked content
     * is hidden, of length 0 (the archive does not say).
     */
    @Override
    public Map<ObjectId, Content> contents(Collection<ObjectId> ids) {
        return contents.read(ids);
    }

    /**
     * {@inheritDoc} The bytes come in one {@code content_get_data} answer, one msgpack bin that the server holds
     * whole in memory, so contents are limited in size ({@code max-content-size}, 1 GiB unless set; never more
     * than 2 GiB - 1, the longest bin read here): a larger one fails with {@link ErrorCode#BUNDLE_TOO_LARGE}.
     * The stream reads the bin as it arrives and checks that its bytes hash to {@code sha1Git} when they end
     * ({@link ErrorCode#CORRUPT_OBJECT} if not). A content the archive knows but whose bytes its objstorage
     * lacks fails with {@link ErrorCode#OBJECT_NOT_FOUND}.
     */
    @Override
    public InputStream openContent(ObjectId sha1Git) {
        return contents.open(requireNonNull(sha1Git, "sha1Git is null"));
    }

    /** {@inheritDoc} Asks the {@code *_missing} endpoints, which read no more than an index; contents by metadata. */
    @Override
    public boolean exists(Swhid swhid) {
        String argument = switch (swhid.type()) {
            case CONTENT -> null;
            case DIRECTORY -> "directories";
            case REVISION -> "revisions";
            case RELEASE -> "releases";
            case SNAPSHOT -> "snapshots";
            default -> throw new IllegalArgumentException("not an archive object type: " + swhid.type());
        };
        if (argument == null) {
            return content(swhid.id()).isPresent();
        }
        return calls.call(swhid.type().modelName() + "/missing", swhid.type(), List.class,
                kwargs(argument, List.of(bytes(swhid.id())))).isEmpty();
    }

    /** Stops the threads that list directories. */
    @Override
    public void close() {
        listings.shutdownNow();
    }

    @Override
    public String toString() {
        return calls.rpc.toString();
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
         * Sets how long the server may take before its answer starts, and then between two pieces of it
         * (default 5 min); a large answer may take longer as long as it keeps coming. A call that times out is
         * not retried, as swh-core's client does not retry it.
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
