package org.swhvault.core.cook.flat.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.internal.Compressors;
import org.swhvault.core.cook.internal.Listing;
import org.swhvault.core.cook.internal.Quantities;
import org.swhvault.core.internal.io.TarWriter;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Writes one flat bundle (see {@code FlatCooker} for the format): checks the object, then streams
 * tar members through a parallel gzip (or zstd) stream into the caller's stream. One instance per cook.
 */
public final class FlatBundle {
    private static final Logger LOG = LoggerFactory.getLogger(FlatBundle.class);

    private final ObjectSource source;
    private final CookContext context;
    private final BundleCompression compression;
    private final int level;
    private final int threads;
    private final SourceCache cache;

    /**
     * Prepares a cook.
     *
     * @param source where objects are read
     * @param context progress and cancellation
     * @param compression how the tar is compressed
     * @param level the level of that compression
     * @param threads how many threads compress
     * @param cacheEntries how many directory entries (and content records) may be cached
     */
    public FlatBundle(ObjectSource source, CookContext context, BundleCompression compression, int level, int threads,
            long cacheEntries) {
        this.source = source;
        this.context = context;
        this.compression = compression;
        this.level = level;
        this.threads = threads;
        this.cache = new SourceCache(source, cacheEntries);
    }

    /** Writes the bundle of a directory: its tree under {@code swh:1:dir:<hex>/}. */
    public void writeDirectory(ObjectId id, OutputStream out) throws IOException {
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, id);
        Listing root = cache.listing(id);
        if (!root.found()) {
            throw notFound(swhid);
        }
        long[] entries = {0};
        write(out, tar -> {
            TreeWriter trees = new TreeWriter(source, cache, tar, () -> {
                context.progress("Writing the directory tree", ++entries[0], -1);
                context.checkCancelled();
            });
            trees.write(name(swhid), root);
            LOG.debug("Wrote {}: {} entries, {} placeholders", swhid, trees.entries(), trees.placeholders());
        });
    }

    /** Writes the bundle of a revision: under {@code swh:1:rev:<hex>/}, one directory per revision of its history. */
    public void writeRevision(ObjectId id, OutputStream out) throws IOException {
        Swhid swhid = Swhid.of(ObjectType.REVISION, id);
        if (source.revision(id).isEmpty()) {
            throw notFound(swhid);
        }
        RevisionIndex history = history(id);
        write(out, tar -> {
            Bytes root = name(swhid);
            tar.directory(root);
            int total = history.size();
            long[] done = {0};
            String[] message = {""};
            TreeWriter trees = new TreeWriter(source, cache, tar, () -> {
                context.progress(message[0], done[0], total);
                context.checkCancelled();
            });
            for (int i = 0; i < total; i++) {
                message[0] = "Writing revision " + (i + 1) + " of " + total;
                context.progress(message[0], i, total);
                context.checkCancelled();
                Bytes path = Bytes.wrap((swhid + "/" + history.revision(i).toHex()).getBytes(StandardCharsets.US_ASCII));
                trees.write(path, listing(history.directory(i), history.revision(i)));
                done[0] = i + 1;
            }
            context.progress("Wrote " + Quantities.count(total, "revision"), total, total);
            LOG.debug("Wrote {}: {} revisions, {} entries, {} placeholders", swhid, total, trees.entries(),
                    trees.placeholders());
        });
    }

    private RevisionIndex history(ObjectId head) {
        RevisionIndex history = new RevisionIndex();
        try (Stream<Revision> log = source.revisionLog(head)) {
            log.forEach(r -> {
                history.add(r.id(), r.directory());
                context.progress("Reading the revision history", history.size(), -1);
                context.checkCancelled();
            });
        }
        history.sort();
        return history;
    }

    private Listing listing(ObjectId directory, ObjectId revision) {
        Listing listing = cache.listing(directory);
        if (!listing.found()) {
            LOG.debug("Root directory {} of revision {} is missing from the source; writing it empty",
                    directory, revision);
        }
        return listing;
    }

    private interface Body {
        void write(TarWriter tar) throws IOException;
    }

    private void write(OutputStream out, Body body) throws IOException {
        BundleOutput guarded = new BundleOutput(out);
        OutputStream compressed = Compressors.open(compression, guarded, level, threads);
        try {
            TarWriter tar = new TarWriter(compressed);
            body.write(tar);
            tar.finish();
        } catch (Throwable t) {
            guarded.abandon();
            try {
                compressed.close();
            } catch (IOException | RuntimeException e) {
                // Expected once abandoned: closing only releases the compression threads.
                LOG.trace("Closing the abandoned compressed stream failed", e);
            }
            throw t;
        }
        compressed.close(); // ends the compressed stream; BundleOutput leaves the caller's stream open
    }

    private static Bytes name(Swhid swhid) {
        return Bytes.wrap(swhid.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static VaultException notFound(Swhid swhid) {
        return new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " was not found.");
    }
}
