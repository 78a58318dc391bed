package org.swhvault.core.cook.gitbare;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.internal.Quantities;
import org.swhvault.core.cook.gitbare.pack.DeltaOrder;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.core.cook.gitbare.pack.PackWriter;
import org.swhvault.core.cook.gitbare.pack.PackWriterBuilder;
import org.swhvault.core.source.git.GitStoredObjects;
import org.swhvault.core.source.git.internal.JGitIds;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * Cooks {@code git-bare} bundles of directories, revisions, releases and snapshots: a plain
 * (uncompressed) tar of a bare git repository that {@code git clone} accepts once extracted.
 *
 * <h2>Format</h2>
 * Every member sits under {@code <swhid>.git/} (for example {@code swh:1:snp:<hex>.git/}), with
 * mtime 2000-01-01T00:00:00Z, uid and gid 0, files 0644 and directories 0755:
 * <ul>
 *   <li>{@code HEAD}; {@code config} ({@code [core] repositoryformatversion = 0, filemode = true,
 *       bare = true}); {@code description};</li>
 *   <li>{@code packed-refs} (git's {@code # pack-refs with: peeled fully-peeled sorted} format:
 *       references sorted by name, each annotated tag followed by the {@code ^<id>} line of the
 *       object it finally points to); {@code refs/heads/}, {@code refs/tags/} and the symbolic
 *       references as loose files ({@code ref: <target>});</li>
 *   <li>{@code shallow}, only for a shallow clone's commits that the pack holds without their parents (one id
 *       a line, sorted), as in the clone: git then reads the bundle as the shallow repository it is;</li>
 *   <li>{@code objects/info/}, and {@code objects/pack/pack-<checksum>.pack} with its version 2
 *       {@code .idx} (mode 0444): one pack holding every object reachable from the references once,
 *       each under its SWHID's id with its exact original bytes (raw manifests included).</li>
 * </ul>
 *
 * <h2>The pack</h2>
 * For a revision, release or snapshot of a git repository source
 * ({@link org.swhvault.core.source.git.GitObjectSource}, whose object ids are the SWHIDs) that stores its
 * objects itself (packs with version 2 indexes, or loose; no alternates, not shallow, not a partial clone), the
 * objects the bundle reaches are found from the pack's bitmaps (or by a walk that keeps ids only). If the
 * repository stores everything in one pack, the objects reached are the whole pack, and the pack's and index's
 * SHA-1 checksums are right (a mirror after {@code git gc}, cooked as a snapshot),
 * the bundle's pack and index are the repository's own, byte for byte. Else the bundle's pack is made of the
 * stored entries of those objects, copied pack after pack in each pack's order, each checked against its
 * CRC32: a delta whose base is left out is stored whole, and loose objects are compressed at the cooker's level.
 * For other git repositories (alternates, shallow clones), the pack is written by JGit's pack writer: objects
 * are copied as the repository stores them, deltas (written as offset deltas) included, no new delta is
 * searched, and only loose objects are compressed, at the cooker's level; the order is commits, tags, trees, blobs. Its bytes thus depend
 * on how the repository is packed, and are the same for the same repository state. If the
 * repository lacks an object (a partial clone), the cook falls back to the general way, below. For
 * any other source (an archive stores no packs), for a directory (whose stub commit the repository does
 * not hold), or when the cooker is told not to reuse stored objects, the objects are packed one by one
 * and similar ones are stored as deltas of each other, as {@code git repack -a -d -f} does: the walk
 * notes where each object is first seen (its path), the objects are sorted by type (commits, tags,
 * trees, blobs), name and path, trees largest first and the rest newest first, and each is compared
 * with the ten before it and stored as an offset delta of the one that gives the smallest delta, in
 * chains of at most 50; objects of 1 MiB or more are stored whole. The search runs on every compression
 * thread, and its batches end at points the objects fix, so the bytes do not depend on the thread count.
 * Such a pack is about the size of git's own: 0.92 times {@code git repack -a -d -f}'s on the history of
 * swh-storage (4,500 commits, 28,000 objects).
 *
 * <h2>References</h2>
 * <ul>
 *   <li>revision: {@code refs/heads/master}; {@code HEAD} is {@code ref: refs/heads/master}.</li>
 *   <li>release: {@code refs/tags/<name>}, or {@code refs/tags/release} when the name is not a
 *       valid reference name; plus {@code refs/heads/master} when the release (through chains of
 *       releases) points to a revision. A release that points to a snapshot is refused with
 *       {@link ErrorCode#UNSUPPORTED}.</li>
 *   <li>snapshot: each branch as a reference, aliases as symbolic references, {@code HEAD} from the
 *       snapshot's {@code HEAD} branch. Branch names outside {@code refs/} become
 *       {@code refs/heads/<name>}; invalid or clashing names, dangling branches, branches to
 *       snapshots or to missing objects are left out and reported in the progress messages.</li>
 *   <li>directory: a stub commit on {@code refs/heads/master} whose author and committer are
 *       {@code swh-vault, git-bare cooker <robot@softwareheritage.org>}, dated
 *       {@code 946684800 +0000}, with the message {@code Initial commit}, so its id depends on the
 *       directory alone.</li>
 * </ul>
 *
 * <h2>Objects the archive cannot serve</h2>
 * A revision, release or directory the source is missing is left out (the repository then has a
 * hole, which {@code git fsck} reports) and reported. Submodule commits are not followed. A content
 * that is hidden, absent or missing becomes a blob holding the reference vault's placeholder text,
 * stored under the content's own id, so that checkouts work; {@code git fsck} reports those ids as
 * corrupt, and only those. An object whose bytes do not hash to its id (a corrupt archive) is kept
 * under its id too. Every such case is reported in the progress messages and logged.
 *
 * <p>Memory holds ids, not objects, and packing object by object holds a bounded heap whatever the
 * object count: the set of ids seen (27 to 54 bytes per id), the walk's queues of revisions and directories
 * waiting (28 bytes per id) and the pack index's records (32 bytes per object) each stay on the heap up to
 * a budget (a sixteenth of the maximum heap, at most {@value #MAX_STRUCTURE_HEAP} bytes; a quarter of it per
 * queue) and past it move to the temporary directory: the set to an open-addressing table in a
 * memory-mapped file (40 to 80 bytes per id, in the page cache), the queues' blocks to a file, their sort
 * by date to sorted runs merged from files, the index to sorted runs. The objects listed wait for the delta
 * search in 16 MiB, then in sorted runs on disk (the bodies of commits, tags and trees, and 41 bytes
 * per object); the search holds one batch of 2 to 8 MiB per compression thread and one more, and per
 * thread a window of at most 16 MiB. What still grows is outside the cooker: a git repository source
 * reads its packs' indexes with JGit, which holds them on the heap (about 28 bytes per object the packs
 * hold). Lending a repository's pack, or copying its stored entries, takes no heap per object beyond that but
 * JGit's reverse index of the pack being copied (8 bytes per object; the walk's ids go to the bounded set and
 * queue above, bitmaps are compressed, the new offsets and the index's records move to files past the budget).
 * Copying a repository's objects with JGit (alternates, shallow clones) takes about 210 bytes per object while JGit lists them and 135 while it writes them: 10 MiB for
 * 50,000 objects, but 2 GiB for ten million. So a repository whose packs hold more objects than half
 * the JVM's maximum heap allows at {@value #STORED_COPY_BYTES_PER_OBJECT} bytes each is packed
 * object by object instead (slower, in a fifth of the memory), and the cook says so. Contents are streamed. The
 * pack and its index are built in a temporary directory, deleted when the cook ends, and nothing is
 * written to the output before the pack is complete. Thread-safe; each cook blocks its caller, and
 * packing object by object compresses on all processors.
 */
public final class GitBareCooker implements Cooker {
    private static final Set<ObjectType> TYPES =
            EnumSet.of(ObjectType.DIRECTORY, ObjectType.REVISION, ObjectType.RELEASE, ObjectType.SNAPSHOT);
    private static final Logger LOG = LoggerFactory.getLogger(GitBareCooker.class);

    /** How many bytes of objects the walk holds before it spills them, sorted, to disk. */
    private static final int ORDER_MEMORY = 16 << 20;

    /** The default zlib level of pack entries. */
    public static final int DEFAULT_LEVEL = 6;
    /** The heap, in bytes per stored object, that copying a repository's objects with JGit is planned at. */
    static final int STORED_COPY_BYTES_PER_OBJECT = 250;
    /** The most heap each structure that grows with the object count may take before it moves to disk. */
    static final long MAX_STRUCTURE_HEAP = 16 << 20;

    private final Path temporaryDirectory;
    private final int threads;
    private final int level;
    private final boolean reuse;
    private final long storedCopyHeap;
    private final long structureHeap;

    /**
     * Creates a cooker using the system's temporary directory, one compression thread per processor
     * and zlib level {@value #DEFAULT_LEVEL}.
     */
    public GitBareCooker() {
        this(null, 0, DEFAULT_LEVEL);
    }

    /**
     * Creates a cooker that copies the stored objects of git repositories.
     *
     * @param temporaryDirectory where to build packs, or null for the system's temporary directory
     * @param threads how many threads compress objects, or 0 for one per processor
     * @param level the zlib level of pack entries, 0 (none) to 9 (smallest); the bytes of a bundle
     *     depend on it, not on the thread count
     * @throws IllegalArgumentException if {@code threads} is negative or {@code level} is not 0 to 9
     */
    public GitBareCooker(Path temporaryDirectory, int threads, int level) {
        this(temporaryDirectory, threads, level, true);
    }

    /**
     * Creates a cooker.
     *
     * @param temporaryDirectory where to build packs, or null for the system's temporary directory
     * @param threads how many threads compress objects, or 0 for one per processor
     * @param level the zlib level of pack entries, 0 (none) to 9 (smallest); the bytes of a bundle
     *     depend on it, not on the thread count
     * @param reuseStoredObjects whether bundles of revisions, releases and snapshots of a git
     *     repository source copy the repository's stored objects and deltas (fast) rather than pack
     *     object by object like any other source
     * @throws IllegalArgumentException if {@code threads} is negative or {@code level} is not 0 to 9
     */
    public GitBareCooker(Path temporaryDirectory, int threads, int level, boolean reuseStoredObjects) {
        this(temporaryDirectory, threads, level, reuseStoredObjects, Runtime.getRuntime().maxMemory() / 2);
    }

    /** As the public constructor, with the heap a copy of stored objects may plan to take. */
    GitBareCooker(Path temporaryDirectory, int threads, int level, boolean reuseStoredObjects, long storedCopyHeap) {
        this(temporaryDirectory, threads, level, reuseStoredObjects, storedCopyHeap,
                Math.min(MAX_STRUCTURE_HEAP, Runtime.getRuntime().maxMemory() / 16));
    }

    /**
     * As the public constructor, with the heap a copy of stored objects may plan to take, and the heap each
     * structure of the object-by-object path that grows with the object count (the set of ids seen, the pack
     * index's records) may take before it moves to the work directory: the bytes of a bundle do not depend on it.
     */
    GitBareCooker(Path temporaryDirectory, int threads, int level, boolean reuseStoredObjects, long storedCopyHeap,
            long structureHeap) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative: " + threads);
        }
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("level must be 0 to 9: " + level);
        }
        this.temporaryDirectory = temporaryDirectory;
        this.threads = threads;
        this.level = level;
        this.reuse = reuseStoredObjects;
        this.storedCopyHeap = storedCopyHeap;
        if (structureHeap < 0) {
            throw new IllegalArgumentException("structure heap must not be negative: " + structureHeap);
        }
        this.structureHeap = structureHeap;
    }

    @Override
    public BundleType bundleType() {
        return BundleType.GIT_BARE;
    }

    /** Returns the cooker's settings, such as {@code GitBareCooker[tmpdir=/tmp, threads=0, level=6, reuse=true]}. */
    @Override
    public String toString() {
        return "GitBareCooker[tmpdir=" + (temporaryDirectory != null ? temporaryDirectory
                : System.getProperty("java.io.tmpdir")) + ", threads=" + threads + ", level=" + level
                + ", reuse=" + reuse + "]";
    }

    @Override
    public Set<ObjectType> objectTypes() {
        return Set.copyOf(TYPES);
    }

    /** {@inheritDoc} */
    @Override
    public void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context) throws IOException {
        requireNonNull(swhid, "swhid is null");
        requireNonNull(source, "source is null");
        requireNonNull(out, "out is null");
        requireNonNull(context, "context is null");
        if (!TYPES.contains(swhid.type())) {
            throw new VaultException(ErrorCode.UNSUPPORTED,
                    "Object type " + swhid.type().name() + " cannot be cooked as 'git-bare' bundle.");
        }
        Path work = temporaryDirectory == null ? Files.createTempDirectory("swhvault-git-bare-")
                : Files.createTempDirectory(temporaryDirectory, "swhvault-git-bare-");
        try {
            cook(swhid, source, out, new CookReport(context, swhid), work);
        } finally {
            deleteQuietly(work);
        }
    }

    /**
     * Reads the root once, then decides the path before packing: a git repository's stored objects when the
     * source is one and holds every object the pack starts from, else object by object. A repository found
     * incomplete deeper down (a partial clone) falls back to the second path with the same plan.
     */
    private void cook(Swhid swhid, ObjectSource source, OutputStream out, CookReport report, Path work)
            throws IOException {
        report.progress("Listing objects", 0, -1);
        Roots.Plan plan = Roots.plan(swhid, source, report);
        Set<ObjectId> shallow = shallowCommits(source);
        Optional<Repository> repository = reuse && swhid.type() != ObjectType.DIRECTORY
                ? source.unwrap(GitStoredObjects.class).map(GitStoredObjects::repository) : Optional.empty();
        Optional<Roots.Start> absent = repository.flatMap(r -> absentStart(r, plan));
        Optional<StoredPackCopy.Stored> whole = absent.isPresent() ? Optional.empty()
                : repository.flatMap(StoredPackCopy::find);
        if (whole.isPresent()) {
            try (Packing packing = new StoredPackCopy(repository.get(), whole.get(), work, level, structureHeap, report)) {
                cook(swhid, plan, out, report, packing, shallow);
                return;
            } catch (StoredPackCopy.UnusablePackException e) {
                if (e.corrupt()) {
                    // JGit's copy would meet the same corrupt entry (and retry it forever)
                    report.note("The repository's pack is corrupt (" + e.getMessage()
                            + "); its objects are packed one by one instead.");
                    repository = Optional.empty();
                } else {
                    LOG.debug("Cannot copy from the pack of {} for {}: {}", repository.get(), swhid, e.getMessage());
                }
            }
        }
        if (absent.isPresent()) {
            report.note("The repository lacks " + absent.get().type().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + absent.get().id() + ", which the bundle needs; its objects are packed one by one instead.");
        } else if (repository.isPresent() && !copyFits(repository.get(), report)) {
            LOG.debug("Packing {} object by object to bound the heap", swhid);
        } else if (repository.isPresent()) {
            try (Packing packing = new RepositoryPacker(repository.get(), work, level, report)) {
                cook(swhid, plan, out, report, packing, shallow);
                return;
            } catch (RepositoryPacker.IncompleteRepositoryException e) {
                report.note("The repository lacks an object the bundle needs or holds one that cannot be walked ("
                        + e.getMessage() + "); its objects are packed one by one instead.");
            }
        }
        PackWriterBuilder builder = PackWriter.builder(work).level(level).verifyIds(true).onIdMismatch(report::mismatch)
                .deltas(PackWriterBuilder.DEFAULT_DELTA_WINDOW, PackWriterBuilder.DEFAULT_DELTA_DEPTH)
                .indexMemory(Math.max(32, structureHeap));
        if (threads > 0) {
            builder.threads(threads);
        }
        try (Packing packing = new ObjectPacker(source, builder.open(), new DeltaOrder(work, ORDER_MEMORY),
                work, structureHeap, report)) {
            cook(swhid, plan, out, report, packing, shallow);
        }
    }

    /**
     * Whether copying the repository's stored objects fits the heap allowed, planned at
     * {@value #STORED_COPY_BYTES_PER_OBJECT} bytes per object its packs hold; notes it when not.
     */
    private boolean copyFits(Repository repository, CookReport report) {
        long objects = packedObjects(repository.getDirectory() == null ? null
                : repository.getDirectory().toPath().resolve("objects").resolve("pack"));
        long needed = objects * STORED_COPY_BYTES_PER_OBJECT;
        if (needed <= storedCopyHeap) {
            return true;
        }
        report.note("The repository's packs hold " + objects + " objects: copying them as stored would take about "
                + Quantities.size(needed) + " of heap, more than the " + Quantities.size(storedCopyHeap)
                + " allowed (half the maximum heap); its objects are packed one by one instead.");
        return false;
    }

    /** The number of objects the pack indexes in {@code packDirectory} list (the last entry of their fan-out table). */
    static long packedObjects(Path packDirectory) {
        if (packDirectory == null || !Files.isDirectory(packDirectory)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> files = Files.list(packDirectory)) {
            for (Path idx : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".idx"))::iterator) {
                try (InputStream in = Files.newInputStream(idx); DataInputStream data = new DataInputStream(in)) {
                    int first = data.readInt();
                    // Version 2 starts with "\377tOc" and its version; version 1 with the fan-out table itself.
                    long skip = first == 0xff744f63 ? 4 + 255 * 4 : 254 * 4;
                    data.skipNBytes(skip);
                    total += data.readInt() & 0xffffffffL;
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot count the objects in {}: {}", packDirectory, e.toString());
        }
        return total;
    }

    /** The commits a shallow clone lists as shallow (its parents left out), when the source is a git repository. */
    private static Set<ObjectId> shallowCommits(ObjectSource source) throws IOException {
        Optional<Repository> repository = source.unwrap(GitStoredObjects.class).map(GitStoredObjects::repository);
        if (repository.isEmpty()) {
            return Set.of();
        }
        Set<ObjectId> shallow = new HashSet<>();
        try (ObjectReader reader = repository.get().newObjectReader()) {
            for (org.eclipse.jgit.lib.ObjectId id : reader.getShallowCommits()) {
                shallow.add(JGitIds.fromJGit(id));
            }
        }
        return shallow;
    }

    /** The first object the pack starts from that the repository does not hold. */
    private static Optional<Roots.Start> absentStart(Repository repository, Roots.Plan plan) {
        try {
            for (Roots.Start start : plan.starts()) {
                if (!repository.getObjectDatabase().has(org.eclipse.jgit.lib.ObjectId.fromRaw(start.id().toByteArray()))) {
                    return Optional.of(start);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // cannot tell here; the walk will
        }
    }

    /**
     * Packs, then writes the tar; nothing reaches {@code out} before the pack is complete. The packed commits
     * that the source lists as shallow go to the bundle's {@code shallow} file: their parents are not in the
     * pack, and without the file git finds the repository broken ({@code git log} fails on the missing parent).
     */
    private static void cook(Swhid swhid, Roots.Plan plan, OutputStream out, CookReport report, Packing packing,
            Set<ObjectId> sourceShallow) throws IOException {
        Refs refs = plan.pack(packing);
        List<String> shallow = sourceShallow.stream().filter(packing::contains).map(ObjectId::toHex).sorted()
                .toList();
        try (PackFile file = packing.finish()) {
            BareRepositoryTar.write(out, swhid, file, refs, shallow, report);
        }
        report.progress("Wrote " + Quantities.count(packing.objectCount(), "object") + " and "
                + Quantities.count(refs.plain().size() + refs.symbolic().size(), "reference"), packing.objectCount(),
                packing.objectCount());
    }

    /** Deletes the work directory; a failure is logged, so that it never hides why the cook failed. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete the temporary directory {}", dir, e);
        }
    }
}
