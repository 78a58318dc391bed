package org.swhvault.core.cook.gitbare;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Predicate;

import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.internal.storage.file.PackReverseIndexFactory;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BitmapIndex;
import org.eclipse.jgit.lib.BitmapIndex.BitmapBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.BitmapWalker;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.core.cook.gitbare.pack.StoredEntries;
import org.swhvault.core.cook.internal.Quantities;
import org.swhvault.core.source.git.internal.JGitIds;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Packs what the roots reach in a git repository that stores its objects itself (in packs, or loose), straight
 * from the packs' bytes: no object is decompressed or searched for deltas again (but loose objects, and those
 * stored as deltas of an object the bundle leaves out), and the heap does not grow with the object count (but for
 * JGit's indexes of the packs and the reverse index of the pack being copied, about 36 bytes per object). A
 * mirror's repository after {@code git gc} stores everything in one pack.
 *
 * <p>The repository qualifies ({@link #find}) when its packs have version 2 indexes, and it has no alternates, is
 * not shallow and is not a partial clone. {@link #run()} first finds what the roots reach: from the pack's bitmaps
 * if it has some (as {@code git pack-objects} does), else by walking as {@link RepositoryWalk} does (submodule
 * commits are not followed), keeping ids only, in the object-by-object path's set and queue, which move to the
 * work directory past their heap budget.
 * <ul>
 *   <li>If the repository stores everything in one pack, the roots reach every object of the pack, and the pack's
 *       and index's SHA-1 checksums (checked by another thread meanwhile when every reference of the repository
 *       is a root, else once the count is known) are right, the bundle gets the pack and its index as they are,
 *       byte for byte, read through channels opened before the check, so that a concurrent repack that deletes
 *       them changes nothing.</li>
 *   <li>Otherwise {@link StoredEntries} copies the entries of the objects reached into a new pack, pack after
 *       pack (sorted by name; an object several packs hold, from the first), in each pack's order, each checked
 *       against the CRC32 its index records; a delta whose base is left out is stored whole, one whose base comes
 *       from another pack names it by id; loose objects follow, compressed at the cooker's level.</li>
 * </ul>
 * A missing object or a corrupt entry makes {@link #run()} throw {@link UnusablePackException} before anything
 * reaches the bundle, and the cooker takes another path.
 */
final class StoredPackCopy implements Packing {
    /** The progress message of the walk. */
    static final String MESSAGE = "Counting the objects of the repository's pack";
    /** The end of the progress message that says the repository's pack is lent whole. */
    static final String LENT = ": the bundle's pack is the repository's";
    /** The progress message of a copy of some of the pack's objects. */
    static final String COPY_MESSAGE = "Copying the objects the bundle needs from the repository's packs";
    private static final Logger LOG = LoggerFactory.getLogger(StoredPackCopy.class);
    private static final int BATCH = 1024;
    private static final int VERSION_2 = 0xff744f63;

    /** The repository lacks an object the roots reach, or its pack has a corrupt entry: take another path. */
    static final class UnusablePackException extends IOException {
        private static final long serialVersionUID = 1L;

        private final boolean corrupt;

        UnusablePackException(String message, Throwable cause, boolean corrupt) {
            super(message, cause);
            this.corrupt = corrupt;
        }

        /** Whether an object or entry is corrupt (rather than missing): JGit's copy would fail on it too. */
        boolean corrupt() {
            return corrupt;
        }

        static UnusablePackException corrupt(String message) {
            return new UnusablePackException(message, null, true);
        }
    }

    /** A pack of the repository and its index, with the number of objects the index lists. */
    record StoredPack(Path pack, Path index, long objectCount) {
    }

    /** A repository's packs, sorted by name, and whether it also stores objects loose. */
    record Stored(List<StoredPack> packs, boolean loose) {
        /** Whether the repository stores all its objects in one pack. */
        boolean onePack() {
            return packs.size() == 1 && !loose;
        }
    }

    private final Repository repository;
    private final Stored stored;
    private final Path work;
    private final long heapBudget;
    private final int level;
    private final CookReport report;
    private final Map<org.eclipse.jgit.lib.ObjectId, ObjectType> wants = new LinkedHashMap<>();
    private final TagPeeler tags;
    /** What the roots reach: from the pack's bitmaps if it has some, else walked. */
    private BitmapBuilder reached;
    private IdSet seen;
    private long reachedCount;
    /** The channels of the packs, in the order of {@link Stored#packs()}, opened before anything is read. */
    private final List<FileChannel> packChannels = new ArrayList<>();
    /** The channel of the only pack's index, if the pack may be lent. */
    private FileChannel indexChannel;
    private byte[] checksum;
    private boolean lent;
    /** The pack of the objects reached, when they are not the whole of the repository's pack. */
    private PackFile copied;

    StoredPackCopy(Repository repository, Stored stored, Path work, int level, long heapBudget,
            CookReport report) {
        this.repository = repository;
        this.level = level;
        this.stored = stored;
        this.work = work;
        this.heapBudget = heapBudget;
        this.report = report;
        this.tags = new TagPeeler(repository, this::contains);
    }

    /**
     * The repository's packs, if it stores all its objects itself, in packs with a version 2 {@code .idx} or loose:
     * no {@code objects/info/alternates}, no {@code shallow} file and no {@code .promisor} file. Empty otherwise, or
     * if the files cannot be read.
     */
    static Optional<Stored> find(Repository repository) {
        if (!(repository.getObjectDatabase() instanceof ObjectDirectory database) || repository.getDirectory() == null
                || Files.exists(repository.getDirectory().toPath().resolve("shallow"))) {
            return Optional.empty();
        }
        Path objects = database.getDirectory().toPath();
        try {
            if (Files.exists(objects.resolve("info").resolve("alternates"))) {
                return Optional.empty();
            }
            List<Path> packFiles = new ArrayList<>();
            if (Files.isDirectory(objects.resolve("pack"))) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(objects.resolve("pack"), "*.pack")) {
                    files.forEach(packFiles::add);
                }
            }
            packFiles.sort(null);
            List<StoredPack> packs = new ArrayList<>();
            for (Path pack : packFiles) {
                String base = pack.getFileName().toString();
                base = base.substring(0, base.length() - ".pack".length());
                Path index = pack.resolveSibling(base + ".idx");
                if (Files.exists(pack.resolveSibling(base + ".promisor")) || !Files.isRegularFile(index)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(index); DataInputStream data = new DataInputStream(in)) {
                    if (data.readInt() != VERSION_2 || data.readInt() != 2) {
                        return Optional.empty();
                    }
                    data.skipNBytes(255 * 4);
                    packs.add(new StoredPack(pack, index, data.readInt() & 0xffffffffL));
                }
            }
            return Optional.of(new Stored(List.copyOf(packs), !looseObjects(objects, true).isEmpty()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The ids of the loose objects in {@code objects}, sorted; only the first if {@code first}. */
    private static List<org.eclipse.jgit.lib.ObjectId> looseObjects(Path objects, boolean first) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(objects,
                p -> p.getFileName().toString().matches("[0-9a-f]{2}") && Files.isDirectory(p))) {
            found.forEach(dirs::add);
        }
        dirs.sort(null);
        List<org.eclipse.jgit.lib.ObjectId> ids = new ArrayList<>();
        for (Path dir : dirs) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = dir.getFileName().toString() + file.getFileName();
                    if (org.eclipse.jgit.lib.ObjectId.isId(name)) {
                        names.add(name);
                    }
                }
            }
            names.sort(null);
            for (String name : names) {
                ids.add(org.eclipse.jgit.lib.ObjectId.fromString(name));
                if (first) {
                    return ids;
                }
            }
        }
        return ids;
    }

    @Override
    public boolean add(ObjectType type, ObjectId id) {
        if (type == ObjectType.SNAPSHOT) {
            return false;
        }
        wants.putIfAbsent(JGitIds.toJGit(id), type);
        return true;
    }

    @Override
    public void addMade(GitObjectType type, ObjectId id, byte[] body) {
        throw new UnsupportedOperationException("a repository's pack holds the repository's objects only");
    }

    @Override
    public void run() throws IOException {
        String notRoot = null;
        for (Ref ref : repository.getRefDatabase().getRefs()) {
            if (ref.getObjectId() != null && !wants.containsKey(ref.getObjectId())) {
                notRoot = ref.getName();
                break;
            }
        }
        long stores = stored.packs().stream().mapToLong(StoredPack::objectCount).sum();
        report.progress(MESSAGE, 0, stores);
        for (StoredPack pack : stored.packs()) {
            packChannels.add(FileChannel.open(pack.pack()));
        }
        // Whether the pack is the bundle's is worth checking only if it is the only one and every reference a root.
        FutureTask<String> check = null;
        if (notRoot == null && stored.onePack()) {
            indexChannel = FileChannel.open(stored.packs().get(0).index());
            check = new FutureTask<>(this::checkSums);
            Thread checker = new Thread(check, "swhvault-pack-check");
            checker.setDaemon(true);
            checker.start();
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            try {
                BitmapIndex bitmaps = reader.getBitmapIndex();
                if (bitmaps != null) {
                    try (ObjectWalk walk = new ObjectWalk(reader)) {
                        reached = new BitmapWalker(walk, bitmaps, NullProgressMonitor.INSTANCE)
                                .findObjects(wants.keySet(), null, false);
                    }
                    reachedCount = reached.cardinality();
                } else {
                    seen = new IdSet(work, heapBudget);
                    walk(reader);
                    reachedCount = seen.size();
                }
            } catch (MissingObjectException e) {
                throw new UnusablePackException("the repository lacks " + e.getMessage(), e, false);
            } catch (IncorrectObjectTypeException | CorruptObjectException e) {
                throw new UnusablePackException(e.getMessage(), e, true);
            } finally {
                if (check != null) {
                    awaitQuietly(check);
                }
            }
            String counted = "Counted " + Quantities.count(reachedCount, "object") + " to pack, of the " + stores
                    + (stored.packs().size() == 1 ? " the repository's pack holds"
                            : " the repository's " + Quantities.count(stored.packs().size(), "pack") + " hold")
                    + (stored.loose() ? ", and its loose objects" : "") + (reached != null ? " (from its bitmaps)" : "");
            String why;
            if (!stored.onePack()) {
                why = "the repository has " + Quantities.count(stored.packs().size(), "pack")
                        + (stored.loose() ? " and loose objects" : "");
            } else if (reachedCount != stores) {
                why = "the pack holds objects the roots do not reach"
                        + (notRoot != null ? " (the reference " + notRoot + " is not a root)" : "");
            } else {
                if (check == null) {
                    // the roots reach every object although some reference is not among them: check now
                    indexChannel = FileChannel.open(stored.packs().get(0).index());
                    check = new FutureTask<>(this::checkSums);
                    check.run();
                }
                why = checksums(check);
                if (why == null) {
                    report.progress(counted + LENT, reachedCount, reachedCount);
                    return;
                }
            }
            LOG.debug("Not lending the pack of {}: {}", repository, why);
            report.progress(counted + "; " + COPY_MESSAGE.toLowerCase(java.util.Locale.ROOT), 0, reachedCount);
            copied = copy(reader);
        }
    }

    /**
     * Copies the objects reached from the repository's packs, as stored, into a pack of the bundle's own: pack
     * after pack, an object held by several from the first; then the loose ones, compressed.
     */
    private PackFile copy(ObjectReader reader) throws IOException {
        Collection<Pack> jgitPacks = ((ObjectDirectory) repository.getObjectDatabase()).getPacks();
        Predicate<AnyObjectId> inBundle = reached != null ? reached::contains
                : id -> seen.contains(JGitIds.fromJGit(id));
        try (StoredEntries entries = StoredEntries.open(work, reachedCount, reader, level, heapBudget,
                (done, total) -> {
                    report.checkCancelled();
                    report.progress(COPY_MESSAGE + ": " + Quantities.count(done, "object") + " of " + total, done,
                            total);
                })) {
            List<PackIndex> copiedFrom = new ArrayList<>();
            for (int i = 0; i < stored.packs().size(); i++) {
                PackIndex index = jgitPack(jgitPacks, stored.packs().get(i).pack()).getIndex();
                List<PackIndex> earlier = List.copyOf(copiedFrom);
                Predicate<AnyObjectId> first = id -> {
                    for (PackIndex e : earlier) {
                        if (e.hasObject(id)) {
                            return false;
                        }
                    }
                    return true;
                };
                entries.copy(packChannels.get(i), index, PackReverseIndexFactory.computeFromIndex(index),
                        inBundle.and(first), inBundle);
                copiedFrom.add(index);
            }
            if (entries.count() < reachedCount) {
                Path objects = ((ObjectDirectory) repository.getObjectDatabase()).getDirectory().toPath();
                for (org.eclipse.jgit.lib.ObjectId id : looseObjects(objects, false)) {
                    if (inBundle.test(id) && copiedFrom.stream().noneMatch(e -> e.hasObject(id))) {
                        entries.addWhole(id);
                    }
                }
            }
            return entries.finish();
        } catch (StoredEntries.CorruptEntryException | CorruptObjectException e) {
            throw new UnusablePackException("its pack is corrupt: " + e.getMessage(), e, true);
        } catch (MissingObjectException e) {
            throw new UnusablePackException("the repository lacks " + e.getMessage(), e, false);
        }
    }

    private static Pack jgitPack(Collection<Pack> packs, Path file) throws IOException {
        for (Pack p : packs) {
            if (Files.isSameFile(p.getPackFile().toPath(), file)) {
                return p;
            }
        }
        throw new UnusablePackException("JGit does not list the pack " + file, null, false);
    }

    /** What is wrong with the pack's or index's checksum, or null. */
    private static String checksums(FutureTask<String> check) throws IOException {
        try {
            return check.get();
        } catch (ExecutionException e) {
            return "its pack cannot be checked: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while checking the pack");
        }
    }

    /** Walks what the roots reach, counting each object once in {@link #seen}. */
    private void walk(ObjectReader reader) throws IOException {
        try (IdQueue queue = new IdQueue(work, Math.max(IdQueue.BLOCK_BYTES, heapBudget / 4))) {
            for (Map.Entry<org.eclipse.jgit.lib.ObjectId, ObjectType> want : wants.entrySet()) {
                reach(reader, queue, JGitIds.fromJGit(want.getKey()), switch (want.getValue()) {
                    case REVISION -> Constants.OBJ_COMMIT;
                    case RELEASE -> Constants.OBJ_TAG;
                    case DIRECTORY -> Constants.OBJ_TREE;
                    default -> Constants.OBJ_BLOB;
                });
            }
            long[] types = new long[BATCH];
            while (!queue.isEmpty()) {
                report.checkCancelled();
                List<ObjectId> ids = queue.poll(BATCH, types);
                for (int i = 0; i < ids.size(); i++) {
                    int type = (int) types[i];
                    byte[] body = reader.open(JGitIds.toJGit(ids.get(i)), type).getCachedBytes();
                    switch (type) {
                        case Constants.OBJ_COMMIT -> commit(reader, queue, body);
                        case Constants.OBJ_TAG -> tag(reader, queue, body);
                        default -> tree(reader, queue, body);
                    }
                }
                report.progress(MESSAGE + ": " + Quantities.count(seen.size(), "object") + " found", seen.size(), -1);
            }
        }
    }

    /** Counts an object the first time it is reached; queues it to be read unless it is a blob. */
    private void reach(ObjectReader reader, IdQueue queue, ObjectId id, int type) throws IOException {
        if (!seen.add(id)) {
            return;
        }
        if (type == Constants.OBJ_BLOB) {
            // the index only: with a type hint, JGit would read the object
            if (!reader.has(JGitIds.toJGit(id))) {
                throw new UnusablePackException("the repository lacks the blob " + id, null, false);
            }
        } else {
            queue.add(id, type);
        }
    }

    private void commit(ObjectReader reader, IdQueue queue, byte[] body) throws IOException {
        int at = 0;
        if (!startsWith(body, at, "tree ")) {
            throw UnusablePackException.corrupt("a commit of the repository has no tree");
        }
        reach(reader, queue, hexId(body, at + 5), Constants.OBJ_TREE);
        at += 5 + 41;
        while (startsWith(body, at, "parent ")) {
            reach(reader, queue, hexId(body, at + 7), Constants.OBJ_COMMIT);
            at += 7 + 41;
        }
    }

    private void tag(ObjectReader reader, IdQueue queue, byte[] body) throws IOException {
        if (!startsWith(body, 0, "object ") || !startsWith(body, 48, "type ")) {
            throw UnusablePackException.corrupt("a tag of the repository has no object or type");
        }
        int type;
        if (startsWith(body, 53, "commit\n")) {
            type = Constants.OBJ_COMMIT;
        } else if (startsWith(body, 53, "tree\n")) {
            type = Constants.OBJ_TREE;
        } else if (startsWith(body, 53, "blob\n")) {
            type = Constants.OBJ_BLOB;
        } else if (startsWith(body, 53, "tag\n")) {
            type = Constants.OBJ_TAG;
        } else {
            throw UnusablePackException.corrupt("a tag of the repository names no known type");
        }
        reach(reader, queue, hexId(body, 7), type);
    }

    private void tree(ObjectReader reader, IdQueue queue, byte[] body) throws IOException {
        int at = 0;
        while (at < body.length) {
            int mode = 0;
            while (at < body.length && body[at] != ' ') {
                mode = (mode << 3) + (body[at++] - '0');
            }
            while (at < body.length && body[at] != 0) {
                at++;
            }
            at++;
            if (at + ObjectId.LENGTH > body.length) {
                throw UnusablePackException.corrupt("a tree of the repository is cut short");
            }
            int kind = mode & 0170000;
            if (kind == 0040000) {
                reach(reader, queue, ObjectId.of(body, at), Constants.OBJ_TREE);
            } else if (kind != 0160000) { // submodule commits are not followed
                reach(reader, queue, ObjectId.of(body, at), Constants.OBJ_BLOB);
            }
            at += ObjectId.LENGTH;
        }
    }

    private static boolean startsWith(byte[] body, int at, String prefix) {
        if (at + prefix.length() > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectId hexId(byte[] body, int at) throws UnusablePackException {
        if (at + 40 > body.length) {
            throw UnusablePackException.corrupt("an object of the repository is cut short");
        }
        return JGitIds.fromJGit(org.eclipse.jgit.lib.ObjectId.fromString(body, at));
    }

    /**
     * Checks the pack's header and SHA-1 trailer, and that the index names this pack and has a right trailer;
     * returns what is wrong, or null.
     */
    private String checkSums() throws IOException, NoSuchAlgorithmException {
        FileChannel packChannel = packChannels.get(0);
        ByteBuffer header = ByteBuffer.allocate(12);
        read(packChannel, header, 0);
        header.flip();
        int magic = header.getInt();
        int version = header.getInt();
        if (magic != 0x5041434b || version < 2 || version > 3 || (header.getInt() & 0xffffffffL)
                != stored.packs().get(0).objectCount()) {
            return "its pack's header does not match its index";
        }
        checksum = sha1(packChannel);
        byte[] trailer = new byte[20];
        read(packChannel, ByteBuffer.wrap(trailer), packChannel.size() - 20);
        if (!Arrays.equals(checksum, trailer)) {
            return "its pack's checksum is wrong (" + HexFormat.of().formatHex(trailer) + " stored, "
                    + HexFormat.of().formatHex(checksum) + " computed)";
        }
        byte[] ends = new byte[40];
        read(indexChannel, ByteBuffer.wrap(ends), indexChannel.size() - 40);
        if (!Arrays.equals(ends, 0, 20, checksum, 0, 20)) {
            return "its index is not that of its pack";
        }
        if (!Arrays.equals(sha1(indexChannel), Arrays.copyOfRange(ends, 20, 40))) {
            return "its index's checksum is wrong";
        }
        return null;
    }

    /** The SHA-1 of a file but its last 20 bytes. */
    private static byte[] sha1(FileChannel channel) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-1");
        long end = channel.size() - 20;
        if (end < 12) {
            throw new IOException("the file is too short for a checksum");
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        for (long at = 0; at < end; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the file ended at " + at + " of " + end + " bytes");
            }
            digest.update(buffer.array(), 0, n);
            at += n;
        }
        return digest.digest();
    }

    private static void read(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("the file ended at " + (at + buffer.position()));
            }
        }
    }

    private static void awaitQuietly(FutureTask<String> check) {
        try {
            check.get();
        } catch (ExecutionException e) {
            // reported by run() when the walk succeeds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean contains(ObjectId id) {
        return reached != null ? reached.contains(JGitIds.toJGit(id)) : seen != null && seen.contains(id);
    }

    @Override
    public Optional<Target> peel(ObjectId release) {
        return tags.peel(release);
    }

    @Override
    public long objectCount() {
        return reachedCount;
    }

    @Override
    public PackFile finish() throws IOException {
        if (copied != null) {
            PackFile file = copied;
            copied = null;
            return file;
        }
        StoredPack only = stored.packs().get(0);
        PackFile file = PackFile.borrowed(only.pack(), packChannels.get(0), only.index(), indexChannel, checksum,
                reachedCount);
        lent = true;
        return file;
    }

    @Override
    public void close() throws IOException {
        tags.close();
        if (copied != null) {
            copied.close();
        }
        if (seen != null) {
            seen.close();
        }
        if (!lent) {
            for (FileChannel channel : packChannels) {
                channel.close();
            }
            if (indexChannel != null) {
                indexChannel.close();
            }
        } else {
            for (FileChannel channel : packChannels.subList(1, packChannels.size())) {
                channel.close();
            }
        }
    }
}
