package org.swhvault.core.cook.flat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Set;

import org.swhvault.core.cook.flat.internal.FlatBundle;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * Cooks {@link BundleType#FLAT} bundles of directories and revisions: a gzip-compressed tar archive
 * of the files, ready to extract.
 *
 * <h2>Format</h2>
 * <ul>
 * <li>A POSIX tar archive (ustar headers, pax extended headers for long or non-ASCII names) inside
 * one gzip member, or, when the cooker is made with {@link BundleCompression#ZSTD}, one zstd frame. Names and link targets are the archive's raw bytes, not always UTF-8.</li>
 * <li>Every member lies under one root directory named by the core SWHID string, colons included:
 * {@code swh:1:dir:<hex>/} holds the directory's tree; {@code swh:1:rev:<hex>/} holds one directory
 * per revision of the history (the revision and all its ancestors the source has), named by the
 * revision's 40-digit hex id, each holding that revision's root tree.</li>
 * <li>Order: depth first, each directory's member before its entries, which are sorted by name as
 * unsigned bytes, each subdirectory followed at once by everything under it. The name alone decides:
 * a directory {@code a} and its whole subtree come before a file {@code a.txt} (git's tree order
 * puts {@code a.txt} first). The revision directories under a {@code rev} root are sorted the same
 * way, that is by hex id.</li>
 * <li>Members: directories mode 0755; regular files 0644, or 0755 when the git mode has any
 * execute bit; symbolic links (mode 120000) with the content's bytes as target; submodules (git
 * links) as empty directories. A directory the source does not have is written empty (its
 * revision's root as well).</li>
 * <li>A file whose bytes cannot be had holds, instead, one of the reference vault's texts (no
 * trailing newline): hidden content {@code This content is hidden.}; absent content (skipped by the
 * archive, or listed visible but without bytes) {@code This content has not been retrieved in the
 * Software Heritage archive due to its size.}; content unknown to the source {@code This content is
 * missing from the Software Heritage archive (or from the mirror used while retrieving it).} A
 * symbolic link whose content is unavailable points at that text.</li>
 * <li>Reproducible: mtime 2000-01-01T00:00:00Z, uid and gid 0, empty owner names; gzip header with
 * mtime 0. Cooking the same object from the same archive gives the same bytes.</li>
 * </ul>
 *
 * <h2>Safety</h2>
 * A directory entry named {@code .}, {@code ..} or {@code .git} (in any case), an empty name, a name
 * containing {@code /} or NUL, or two entries of one name in a directory, fail the cook with
 * {@link ErrorCode#CORRUPT_OBJECT} naming the entry and its directory: no member ever leaves the root
 * or reaches it twice. So does a content whose bytes differ in length from its metadata.
 *
 * <h2>Resources</h2>
 * Contents stream from the source into the archive; only the listings of the directories on the
 * current path, a bounded cache of listings and content metadata, and for revisions 40 bytes per
 * revision of the history are held. Compression runs on its own threads while the cook reads.
 *
 * <p>Thread-safe and stateless: one instance may cook many bundles at once.
 */
public final class FlatCooker implements Cooker {
    /** The default gzip level, as {@code gzip} and {@code git archive}. */
    public static final int DEFAULT_LEVEL = 6;
    /** How many directory entries, and content records, a cook caches by default. */
    public static final long DEFAULT_CACHE_ENTRIES = 100_000;

    private final BundleCompression compression;
    private final int level;
    private final int threads;
    private final long cacheEntries;

    /** Creates a cooker compressing at {@link #DEFAULT_LEVEL} on as many threads as there are processors. */
    public FlatCooker() {
        this(DEFAULT_LEVEL, Runtime.getRuntime().availableProcessors(), DEFAULT_CACHE_ENTRIES);
    }

    /**
     * Creates a cooker.
     *
     * @param level the gzip level, 0 to 9
     * @param threads how many threads compress each bundle, at least 1 (1 compresses on the cooking thread)
     * @param cacheEntries how many directory entries, and as many content records, a cook may cache; 0 for none
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a value is out of range
     */
    public FlatCooker(int level, int threads, long cacheEntries) {
        this(BundleCompression.GZIP, level, threads, cacheEntries);
    }

    /**
     * Creates a cooker of gzip or zstd bundles.
     *
     * @param compression how the tar archive is compressed
     * @param level the level of that compression (gzip 0 to 9, zstd 1 to 19)
     * @param threads how many threads compress each bundle, at least 1
     * @param cacheEntries how many directory entries, and as many content records, a cook may cache; 0 for none
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a value is out of range
     */
    public FlatCooker(BundleCompression compression, int level, int threads, long cacheEntries) {
        this.compression = java.util.Objects.requireNonNull(compression, "compression is null");
        compression.checkLevel(level);
        if (threads < 1) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "The number of compression threads must be at least 1, got " + threads + ".");
        }
        if (cacheEntries < 0) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "The cache size must not be negative, got " + cacheEntries + ".");
        }
        this.level = level;
        this.threads = threads;
        this.cacheEntries = cacheEntries;
    }

    @Override
    public BundleType bundleType() {
        return BundleType.FLAT;
    }

    @Override
    public Set<ObjectType> objectTypes() {
        return Set.of(ObjectType.DIRECTORY, ObjectType.REVISION);
    }

    @Override
    public BundleCompression compression() {
        return compression;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Both compressions are offered: the other one at its {@linkplain BundleCompression#defaultLevel() default
     * level}, on as many threads and with as large a cache as this cooker.
     */
    @Override
    public Optional<Cooker> compressedWith(BundleCompression other) {
        requireNonNull(other, "compression is null");
        return Optional.of(other == compression ? this : new FlatCooker(other, other.defaultLevel(), threads, cacheEntries));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fails with {@link ErrorCode#OBJECT_NOT_FOUND} ({@code "<swhid> was not found."}) before
     * writing anything if the directory or revision itself is missing. Qualifiers of {@code swhid}
     * are ignored.
     */
    @Override
    public void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context) throws IOException {
        requireNonNull(swhid, "swhid is null");
        requireNonNull(source, "source is null");
        requireNonNull(out, "out is null");
        requireNonNull(context, "context is null");
        FlatBundle bundle = new FlatBundle(source, context, compression, level, threads, cacheEntries);
        switch (swhid.type()) {
            case DIRECTORY -> bundle.writeDirectory(swhid.id(), out);
            case REVISION -> bundle.writeRevision(swhid.id(), out);
            default -> throw new VaultException(ErrorCode.UNSUPPORTED,
                    "Only directories and revisions can be cooked as 'flat' bundles.");
        }
    }

    @Override
    public String toString() {
        return "FlatCooker[" + (compression == BundleCompression.GZIP ? "" : "compression=" + compression + ", ")
                + "level=" + level + ", threads=" + threads + ", cacheEntries=" + cacheEntries + "]";
    }
}
