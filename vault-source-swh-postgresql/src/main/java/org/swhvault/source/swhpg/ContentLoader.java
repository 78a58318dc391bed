package org.swhvault.source.swhpg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Copies the contents the archive lacks: bytes to the objstorage first, then their rows with all four hashes, so
 * that a visible row always has its bytes. The contents of a batch are copied by a few threads at once (the
 * objstorage syncs every file to disk: the waits overlap); each holds a content of up to
 * {@value #IN_MEMORY} bytes in memory and a larger one in a temporary file, never more.
 */
final class ContentLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ContentLoader.class);
    /** The largest content hashed in memory. */
    static final int IN_MEMORY = 1 << 20;

    private final ObjectSource from;
    private final ArchiveWrites db;
    private final ObjStorage objstorage;
    private final Path tmp;
    private final SwhLoader.Summary summary;
    private final KnownIds known;
    private final ExecutorService copiers;

    ContentLoader(ObjectSource from, ArchiveWrites db, ObjStorage objstorage, Path tmp, SwhLoader.Summary summary,
            KnownIds known, ExecutorService copiers) {
        this.from = from;
        this.db = db;
        this.objstorage = objstorage;
        this.tmp = tmp;
        this.summary = summary;
        this.known = known;
        this.copiers = copiers;
    }

    /** Copies those of {@code ids} that the archive holds neither as contents nor as skipped contents. */
    void load(Collection<ObjectId> ids) throws SQLException {
        List<ObjectId> todo = known.unknown(new LinkedHashSet<>(ids));
        for (int start = 0; start < todo.size(); start += SwhPostgresSource.BATCH) {
            List<ObjectId> batch = todo.subList(start, Math.min(todo.size(), start + SwhPostgresSource.BATCH));
            Set<ObjectId> there = db.present(batch, ArchiveWrites.Table.CONTENT, ArchiveWrites.Table.SKIPPED_CONTENT);
            known.addAll(there);
            summary.add(ObjectType.CONTENT, 0, there.size());
            List<ObjectId> wanted = batch.stream().filter(id -> !there.contains(id)).toList();
            Map<ObjectId, Content> meta = from.contents(wanted);
            List<Future<ContentHashes>> copies = new ArrayList<>();
            for (ObjectId id : wanted) {
                Content c = meta.get(id);
                if (c == null || c.status() != ContentStatus.VISIBLE) {
                    LOG.warn("{} cannot be read from {}: it is left out of the archive", Swhid.of(ObjectType.CONTENT, id),
                            from);
                    continue;
                }
                copies.add(copiers.submit(() -> store(id, c.length())));
            }
            List<ContentHashes> rows = new ArrayList<>();
            for (Future<ContentHashes> copy : copies) {
                rows.add(join(copy));
            }
            summary.add(ObjectType.CONTENT, db.writeContents(rows), 0);
            known.addAll(rows.stream().map(ContentHashes::sha1Git).toList());
        }
    }

    /** Waits for a copy; its failure is thrown as it was (the copies after it still run, then are dropped). */
    private static ContentHashes join(Future<ContentHashes> copy) {
        try {
            return copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "The load was interrupted.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads a content's bytes (into memory, or a temporary file if large), hashes them, adds them. */
    private ContentHashes store(ObjectId id, long length) {
        if (length <= IN_MEMORY) {
            byte[] data;
            try (InputStream in = from.openContent(id)) {
                data = in.readNBytes(IN_MEMORY + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (data.length <= IN_MEMORY) {
                return add(id, ContentHasher.allHashes().hash(data), () -> new ByteArrayInputStream(data));
            }
        }
        Path file = null;
        try {
            file = Files.createTempFile(tmp, "content", ".tmp");
            try (InputStream in = from.openContent(id)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Path bytes = file;
            return add(id, ContentHasher.allHashes().hash(file), () -> Files.newInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("{} is left in the temporary directory", file, e);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private ContentHashes add(ObjectId id, ContentHashes h, Opener bytes) {
        if (!h.sha1Git().equals(id)) {
            throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(ObjectType.CONTENT, id)
                    + " read from " + from + " hashes to " + h.sha1Git() + ".");
        }
        try (InputStream in = bytes.open()) {
            objstorage.add(h, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h;
    }
}
