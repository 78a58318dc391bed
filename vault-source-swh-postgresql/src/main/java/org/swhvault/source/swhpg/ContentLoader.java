package org.swhvault.source.swhpg;

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
 * Copies the contents the archive lacks: bytes to the objstorage first (through a temporary file, hashed on the
 * way, never whole in memory), then their rows with all four hashes, so that a visible row always has its bytes.
 */
final class ContentLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ContentLoader.class);

    private final ObjectSource from;
    private final ArchiveWrites db;
    private final ObjStorage objstorage;
    private final Path tmp;
    private final SwhLoader.Summary summary;
    private final KnownIds known;

    ContentLoader(ObjectSource from, ArchiveWrites db, ObjStorage objstorage, Path tmp, SwhLoader.Summary summary,
            KnownIds known) {
        this.from = from;
        this.db = db;
        this.objstorage = objstorage;
        this.tmp = tmp;
        this.summary = summary;
        this.known = known;
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
            List<ContentHashes> rows = new ArrayList<>();
            for (ObjectId id : wanted) {
                Content c = meta.get(id);
                if (c == null || c.status() != ContentStatus.VISIBLE) {
                    LOG.warn("{} cannot be read from {}: it is left out of the archive", Swhid.of(ObjectType.CONTENT, id),
                            from);
                    continue;
                }
                rows.add(store(id));
            }
            summary.add(ObjectType.CONTENT, db.writeContents(rows), 0);
            known.addAll(rows.stream().map(ContentHashes::sha1Git).toList());
        }
    }

    /** Copies a content's bytes to a temporary file, hashes them, and adds them to the objstorage. */
    private ContentHashes store(ObjectId id) {
        Path file = null;
        try {
            file = Files.createTempFile(tmp, "content", ".tmp");
            try (InputStream in = from.openContent(id)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            ContentHashes h = ContentHasher.allHashes().hash(file);
            if (!h.sha1Git().equals(id)) {
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, Swhid.of(ObjectType.CONTENT, id)
                        + " read from " + from + " hashes to " + h.sha1Git() + ".");
            }
            try (InputStream in = Files.newInputStream(file)) {
                objstorage.add(h, in);
            }
            return h;
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
}
