package org.swhvault.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;

import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.spi.store.BundleWriter;

import static java.util.Objects.requireNonNull;

/**
 * A {@link BundleStore} on a local directory. Publishing is atomic and crash-safe, reads support byte
 * ranges, every bundle carries its size and SHA-256, and any number of threads and processes on one
 * machine may read and write the same directory at once.
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;root&gt;/
 *   bundles/&lt;bundle type&gt;/&lt;hex[0:2]&gt;/&lt;file name&gt;.swhvault   one published bundle
 *   tmp/&lt;owner&gt;.lock                                        locked by each open store
 *   tmp/&lt;owner&gt;-&lt;n&gt;.part                                    a bundle being written
 * </pre>
 * <p>{@code <bundle type>} is {@code flat}, {@code gitfast} or {@code git-bare}; {@code <hex[0:2]>} the
 * first two hex digits of the object id; {@code <file name>} the download name
 * ({@link BundleKey#fileName()}, such as {@code swh_1_dir_<hex>.tar.gz}). Other files under
 * {@code bundles/} are ignored.
 *
 * <p>Each {@code .swhvault} file is a 128-byte header followed by the bundle's bytes exactly as
 * downloaded ({@code tail -c +129 FILE} extracts them). The header is big-endian: the magic
 * {@code swhvault} (8 bytes), the format version 1 (int32), the header length 128 (int32), the data
 * size (int64), the creation time in epoch seconds (int64) and nanoseconds (int32), 4 zero bytes, the
 * SHA-256 of the data (32 bytes), and zeros up to 128 bytes.
 *
 * <h2>Publishing and crashes</h2>
 * <p>A writer streams into its own {@code tmp/<owner>-<n>.part} after room for the header, hashing as
 * it goes. {@link BundleWriter#commit()} writes the header, syncs the file, renames it into place (one
 * atomic rename, replacing any previous bundle) and syncs the directory. Size and checksum live in the
 * same file as the data, so the one rename publishes both: they can never come from different writers,
 * and no crash leaves a bundle without its metadata or metadata without its bundle. (A separate sidecar
 * file needs two renames; whichever goes first, racing writers can pair one writer's data with the
 * other's metadata, and a reader between the two renames sees them disagree.) Writers of the same key
 * each rename a complete file; the last rename wins.
 *
 * <p>A crash leaves at most {@code .part} files. Each open store holds an exclusive lock on its
 * {@code tmp/<owner>.lock}; opening a store deletes every file in {@code tmp/} whose owner's lock nobody
 * holds, never the files of a live store in this or another process. File locks are unreliable on some
 * network file systems: use a local file system.
 *
 * <h2>Reading</h2>
 * <p>A reader reads through the file handle it opened, so it keeps reading the same bundle if that is
 * deleted or replaced meanwhile (POSIX semantics; on Windows, replacing or deleting an open bundle
 * fails). A range that starts at or past the end of a bundle is empty, not an error.
 */
public final class FsBundleStore implements BundleStore {
    private final Path root;
    private final Clock clock;
    private final BundleLayout layout;
    private final TempArea temp;
    private volatile boolean closed;

    private FsBundleStore(Path root, Clock clock, BundleLayout layout, TempArea temp) {
        this.root = root;
        this.clock = clock;
        this.layout = layout;
        this.temp = temp;
    }

    /**
     * Opens the store in a directory, creating it if needed, and deletes what crashed writers left in
     * {@code tmp/}. Blocks on file system I/O.
     *
     * @param root the store's root directory
     * @return the store, which the caller closes
     * @throws IOException if the directory cannot be created, read or cleaned
     */
    public static FsBundleStore open(Path root) throws IOException {
        return open(root, Clock.systemUTC());
    }

    /**
     * Opens the store like {@link #open(Path)}, with the clock that dates new bundles.
     *
     * @param root the store's root directory
     * @param clock gives each bundle's creation time when it is committed
     * @return the store, which the caller closes
     * @throws IOException if the directory cannot be created, read or cleaned
     */
    public static FsBundleStore open(Path root, Clock clock) throws IOException {
        requireNonNull(root, "root is null");
        requireNonNull(clock, "clock is null");
        Path absolute = root.toAbsolutePath().normalize();
        BundleLayout layout = new BundleLayout(absolute.resolve("bundles"));
        Directories.ensure(layout.bundles());
        TempArea temp = TempArea.open(absolute.resolve("tmp"));
        return new FsBundleStore(absolute, clock, layout, temp);
    }

    /**
     * Returns the store's root directory.
     *
     * @return the absolute root directory
     */
    public Path root() {
        return root;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The writer writes to a temporary file in {@code tmp/}; closing the store discards it.
     *
     * @throws IOException if the store is closed or the temporary file cannot be created
     */
    @Override
    public BundleWriter create(BundleKey key) throws IOException {
        requireNonNull(key, "key is null");
        if (closed) {
            throw new IOException("Bundle store at " + root + " is closed");
        }
        Path part = temp.newPart();
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FsBundleWriter(key, part, layout.pathOf(key), channel, clock);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException also if the bundle's file is corrupt
     */
    @Override
    public Optional<BundleInfo> stat(BundleKey key) throws IOException {
        requireNonNull(key, "key is null");
        Path path = layout.pathOf(key);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return Optional.of(info(key, BundleHeader.readFrom(channel, path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A range that starts at or past the end of the bundle is empty; one that extends past the end is
     * cut there. The stream keeps reading the bundle it opened even if it is replaced or deleted.
     *
     * @throws IOException also if the bundle's file is corrupt
     */
    @Override
    public InputStream open(BundleKey key, long offset, long length) throws IOException {
        requireNonNull(key, "key is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be non-negative, got offset " + offset
                    + " and length " + length);
        }
        Path path = layout.pathOf(key);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = BundleHeader.readFrom(channel, path).size();
            long start = Math.min(offset, size);
            return new RangeInputStream(channel, path, BundleHeader.LENGTH + start, Math.min(length, size - start));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@inheritDoc} Readers that already opened the bundle keep reading it. */
    @Override
    public boolean delete(BundleKey key) throws IOException {
        requireNonNull(key, "key is null");
        Path path = layout.pathOf(key);
        boolean deleted = Files.deleteIfExists(path);
        if (deleted) {
            Directories.sync(path.getParent());
        }
        return deleted;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The stream walks the directory lazily: bundles published or deleted meanwhile may or may not
     * appear. Failures while it is consumed, including a corrupt bundle file, are thrown as
     * {@link UncheckedIOException}.
     */
    @Override
    public Stream<BundleInfo> list() throws IOException {
        return layout.keys().flatMap(key -> {
            try {
                return stat(key).stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the whole bundle and compares its SHA-256 with the one recorded when it was committed.
     *
     * @throws IOException also if the bundle's file is corrupt beyond its bytes (a damaged header)
     */
    @Override
    public boolean verify(BundleKey key) throws IOException {
        requireNonNull(key, "key is null");
        Path path = layout.pathOf(key);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            BundleHeader header = BundleHeader.readFrom(channel, path);
            MessageDigest digest = BundleHeader.newDigest();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long position = BundleHeader.LENGTH;
            while (channel.read(buffer, position) > 0) {
                buffer.flip();
                position += buffer.remaining();
                digest.update(buffer);
                buffer.clear();
            }
            return position - BundleHeader.LENGTH == header.size() && header.matches(digest.digest());
        }
    }

    /**
     * Discards bundles still being written (their commit fails) and releases this store's lock on its
     * temporary files. Published bundles stay. Idempotent; never throws.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            temp.close();
        } catch (IOException e) {
            // the next store opened on this root sweeps what is left
        }
    }

    @Override
    public String toString() {
        return "FsBundleStore[" + root + "]";
    }

    private static BundleInfo info(BundleKey key, BundleHeader header) {
        return new BundleInfo(key, header.size(), Optional.of(header.sha256Hex()), header.created());
    }
}
