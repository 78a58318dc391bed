package org.swhvault.core.cook.gitfast;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.swhvault.core.cook.gitfast.internal.HistoryExport;
import org.swhvault.core.cook.internal.Compressors;
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
 * Cooks a revision's whole history as a {@code gitfast} bundle: a gzip-compressed (or, when made with
 * {@link BundleCompression#ZSTD}, zstd-compressed) {@code git fast-import} stream that rebuilds the
 * history on {@code refs/heads/master}, to be used as {@code zcat bundle.gitfast.gz | git fast-import}.
 *
 * <p>The stream, in the {@code raw} date format:
 * <ul>
 * <li>{@code feature date-format=raw-permissive}, first, only if some date has an offset beyond
 *     ±1400 (valid in git objects, refused by the strict format; needs git 2.28 or later);</li>
 * <li>the revisions parents first, each preceded by a {@code blob}, {@code mark}, {@code data} command
 *     for every content it is the first to use (each content once per stream, streamed from the source;
 *     hidden, absent and missing contents replaced by the reference vault's placeholder texts);</li>
 * <li>for each revision: {@code reset refs/heads/master} if it has no parent in the bundle, then
 *     {@code commit refs/heads/master}, {@code mark}, {@code author} and {@code committer} with the raw
 *     full name and {@code <seconds> <offset>} where the offset bytes are the original ones (so
 *     {@code -0000} and {@code +0530} survive), {@code encoding} when the revision has such a header,
 *     {@code data} with the exact message bytes, {@code from} the first parent and {@code merge} for
 *     each other one, then the file commands against the first parent's tree: {@code D} for removed
 *     entries and entries changing between file, directory and gitlink, before the {@code M} commands
 *     ({@code 100644}, {@code 100755} for any execute bit, {@code 120000}, and {@code 160000} with the
 *     commit id for gitlinks). Paths are C-quoted when they hold {@code "}, {@code \}, control or
 *     non-ASCII bytes.</li>
 * </ul>
 *
 * <p>{@code git fast-import} of the bundle gives every revision its original id, except revisions that
 * git's own commit layout or fast-import cannot express, and their descendants: signatures, merge tags
 * and other extra headers, raw manifests, missing or malformed persons, dates and zones, fractional
 * seconds, odd file modes, empty or non-canonical directories, gitlinks to files or directories (left
 * out: fast-import would abort), placeholders, missing objects (see {@link LossReason}).
 * {@link #cookAndReport} tells how many and why; {@link #cook} reports the same through the progress
 * message and the log.
 *
 * <p>Entry names that are empty, {@code .}, {@code ..}, {@code .git}, or contain {@code /} or NUL make the
 * cook fail rather than produce a stream that writes outside the work tree. Output is reproducible:
 * the same revision gives the same bytes.
 *
 * <p>Memory: what grows with the history is its ids, root directory ids and marks, 52 to 80 bytes per
 * revision, and the ids and marks of the contents written, 32 to 64 bytes per content (arrays that double
 * as they grow, open-addressing tables at most half full). These arrays share a heap budget, a sixteenth of the maximum heap and at most
 * {@value #MAX_STRUCTURE_HEAP} bytes; past it they move to memory-mapped files in a directory made for the
 * cook under the temporary directory (the same bytes per object, in the page cache and on disk, none on the
 * heap), and the heap keeps one bit per revision and per content (which ones lose their id or are
 * placeholders). The directory is deleted when the cook ends, whether it succeeds, fails or is cancelled,
 * and the bundle's bytes do not depend on where the arrays were. Besides these: a cache of directory
 * listings (at most 200,000 entries) and the file commands of one commit. Thread-safe and stateless.
 */
public final class GitfastCooker implements Cooker {
    /** The most heap the arrays of ids and marks of one cook take before they move to files. */
    static final long MAX_STRUCTURE_HEAP = 16 << 20;

    private final BundleCompression compression;
    private final Path temporaryDirectory;
    private final long structureHeap;

    /** Creates the cooker of gzip bundles (level 6, on as many threads as there are processors). */
    public GitfastCooker() {
        this(BundleCompression.GZIP);
    }

    /**
     * Creates a cooker compressing at the default level of {@code compression}, on as many threads as
     * there are processors, with its temporary files in the system's temporary directory.
     *
     * @param compression how the stream is compressed
     */
    public GitfastCooker(BundleCompression compression) {
        this(compression, null);
    }

    /**
     * Creates a cooker compressing at the default level of {@code compression}, on as many threads as
     * there are processors.
     *
     * @param compression how the stream is compressed
     * @param temporaryDirectory where each cook makes the directory of its temporary files, when its history
     *     outgrows the heap budget; null for the system's temporary directory
     */
    public GitfastCooker(BundleCompression compression, Path temporaryDirectory) {
        this(compression, temporaryDirectory,
                Math.min(MAX_STRUCTURE_HEAP, Runtime.getRuntime().maxMemory() / 16));
    }

    /**
     * As the public constructor, with the heap the arrays of ids and marks of a cook may take together before
     * they move to files: the bytes of a bundle do not depend on it.
     */
    GitfastCooker(BundleCompression compression, Path temporaryDirectory, long structureHeap) {
        this.compression = requireNonNull(compression, "compression is null");
        if (structureHeap < 0) {
            throw new IllegalArgumentException("structure heap must not be negative: " + structureHeap);
        }
        this.temporaryDirectory = temporaryDirectory;
        this.structureHeap = structureHeap;
    }

    @Override
    public BundleType bundleType() {
        return BundleType.GITFAST;
    }

    @Override
    public Set<ObjectType> objectTypes() {
        return Set.of(ObjectType.REVISION);
    }

    @Override
    public BundleCompression compression() {
        return compression;
    }

    /** {@inheritDoc} Both compressions are offered, at their {@linkplain BundleCompression#defaultLevel() default level}. */
    @Override
    public Optional<Cooker> compressedWith(BundleCompression other) {
        requireNonNull(other, "compression is null");
        return Optional.of(other == compression ? this
                : new GitfastCooker(other, temporaryDirectory, structureHeap));
    }

    @Override
    public void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context) throws IOException {
        cookAndReport(swhid, source, out, context);
    }

    /**
     * Does what {@link #cook} does and returns how many revisions will not keep their ids when
     * imported, and why. Blocks until done; does not close {@code out}.
     *
     * @param swhid a revision SWHID (qualifiers are ignored)
     * @param source where to read the archive from
     * @param out where to write the bundle
     * @param context where to report progress and check for cancellation
     * @return what the bundle holds
     * @throws IOException if writing to {@code out} fails
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} if {@code swhid} is not a revision,
     *     {@link ErrorCode#OBJECT_NOT_FOUND} if the source does not have it, {@link ErrorCode#CORRUPT_OBJECT}
     *     for an entry name a stream cannot hold safely or a content whose length differs from the
     *     recorded one, {@link ErrorCode#CANCELLED} if cancelled
     * @throws java.io.UncheckedIOException if a temporary file cannot be made or grown
     */
    public GitfastReport cookAndReport(Swhid swhid, ObjectSource source, OutputStream out, CookContext context)
            throws IOException {
        requireNonNull(swhid, "swhid is null");
        requireNonNull(source, "source is null");
        requireNonNull(out, "out is null");
        requireNonNull(context, "context is null");
        if (swhid.type() != ObjectType.REVISION) {
            throw new VaultException(ErrorCode.UNSUPPORTED, "Only revisions can be cooked as 'gitfast' bundles.");
        }
        Swhid core = Swhid.of(ObjectType.REVISION, swhid.id());
        if (source.revision(swhid.id()).isEmpty()) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, core + " was not found.");
        }
        context.progress("Reading the revision history", 0, -1);
        try (OutputStream compressed = Compressors.open(compression, new KeepOpen(out), compression.defaultLevel(),
                Runtime.getRuntime().availableProcessors())) {
            BufferedOutputStream buffered = new BufferedOutputStream(compressed, 64 * 1024);
            GitfastReport report = HistoryExport.write(swhid.id(), source, buffered, context,
                    temporaryDirectory, structureHeap);
            buffered.flush();
            return report; // closing ends the compressed stream; KeepOpen leaves the caller's stream open
        }
    }

    /**
     * Returns the cooker's settings that differ from the defaults, such as {@code GitfastCooker} or
     * {@code GitfastCooker[compression=zstd, tmpdir=/var/tmp]}.
     */
    @Override
    public String toString() {
        List<String> settings = new ArrayList<>();
        if (compression != BundleCompression.GZIP) {
            settings.add("compression=" + compression);
        }
        if (temporaryDirectory != null) {
            settings.add("tmpdir=" + temporaryDirectory);
        }
        return settings.isEmpty() ? "GitfastCooker" : "GitfastCooker" + settings;
    }

    /** Lets the gzip stream close its end without closing the caller's stream. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
