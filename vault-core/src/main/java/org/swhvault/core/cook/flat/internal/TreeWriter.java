package org.swhvault.core.cook.flat.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.internal.ExactLengthInputStream;
import org.swhvault.core.cook.internal.Listing;
import org.swhvault.core.cook.internal.Placeholders;
import org.swhvault.core.internal.io.TarWriter;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;

/**
 * Writes a directory tree as tar members under a path, depth first: a directory, then each of its
 * entries by name as unsigned bytes, a subdirectory's own entries right after it. Only the listings
 * of the directories on the current path are held (plus {@link SourceCache}); content bytes stream
 * from the source into the tar. Used by one thread.
 */
final class TreeWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWriter.class);
    /** Entries whose metadata (and subdirectory listings) are read in one batch. */
    private static final int BATCH = 256;
    /** Far above any file system's limit (4095 on Linux); refuses a huge blob used as a symlink. */
    private static final int MAX_SYMLINK_TARGET = 64 * 1024;

    /** Called after every entry written: reports progress and checks for cancellation. */
    interface EntryListener {
        void entryWritten();
    }

    private final ObjectSource source;
    private final SourceCache cache;
    private final TarWriter tar;
    private final EntryListener listener;
    private long entries;
    private long placeholders;

    TreeWriter(ObjectSource source, SourceCache cache, TarWriter tar, EntryListener listener) {
        this.source = source;
        this.cache = cache;
        this.tar = tar;
        this.listener = listener;
    }

    /** Returns how many entries were written so far, directories included. */
    long entries() {
        return entries;
    }

    /** Returns how many files were written with a placeholder text instead of their content. */
    long placeholders() {
        return placeholders;
    }

    /** Writes directory {@code root} as {@code path/} and everything under it; a missing root is written empty. */
    void write(Bytes path, Listing root) throws IOException {
        tar.directory(path);
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(path, root));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.index == frame.listing.size()) {
                stack.pop();
                continue;
            }
            if (frame.index == frame.batchEnd) {
                frame.readBatch();
            }
            DirectoryEntry entry = frame.listing.entry(frame.index++);
            Bytes child = child(frame.path, entry.name());
            switch (entry.type()) {
                case DIR -> {
                    tar.directory(child);
                    stack.push(new Frame(child, listing(entry.target(), child)));
                }
                case REV -> tar.directory(child);
                case FILE -> file(child, entry, frame.contents.get(entry.target()));
            }
            entries++;
            listener.entryWritten();
        }
    }

    private Listing listing(ObjectId id, Bytes path) {
        Listing listing = cache.listing(id);
        if (!listing.found()) {
            LOG.debug("Directory {} at {} is missing from the source; writing it empty", id, path);
        }
        return listing;
    }

    private void file(Bytes path, DirectoryEntry entry, Content meta) throws IOException {
        if (entry.isSymlink()) {
            tar.symlink(path, Bytes.wrap(symlinkTarget(entry.target(), meta)));
            return;
        }
        int mode = entry.isExecutable() ? 0755 : 0644;
        if (meta != null && meta.status() == ContentStatus.VISIBLE) {
            InputStream in = open(entry.target());
            if (in != null) {
                try (InputStream exact = new ExactLengthInputStream(in, entry.target(), meta.length())) {
                    tar.file(path, mode, meta.length(), exact);
                }
                return;
            }
        }
        placeholders++;
        tar.file(path, mode, Placeholders.forStatus(meta == null ? null : meta.status()));
    }

    private byte[] symlinkTarget(ObjectId id, Content meta) {
        if (meta != null && meta.status() == ContentStatus.VISIBLE) {
            if (meta.length() > MAX_SYMLINK_TARGET) {
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, "Content " + id + " is used as a symbolic link "
                        + "target but is " + meta.length() + " bytes long, more than " + MAX_SYMLINK_TARGET + ".");
            }
            InputStream in = open(id);
            if (in != null) {
                ByteArrayOutputStream target = new ByteArrayOutputStream((int) meta.length());
                try (InputStream exact = new ExactLengthInputStream(in, id, meta.length())) {
                    exact.transferTo(target);
                } catch (IOException e) {
                    throw new IllegalStateException("ExactLengthInputStream throws no IOException", e);
                }
                return target.toByteArray();
            }
        }
        placeholders++;
        return Placeholders.forStatus(meta == null ? null : meta.status());
    }

    /** Opens a content said to be visible; null if its bytes turn out to be unavailable after all. */
    private InputStream open(ObjectId id) {
        try {
            return source.openContent(id);
        } catch (VaultException e) {
            if (e.code() == ErrorCode.CONTENT_UNAVAILABLE || e.code() == ErrorCode.OBJECT_NOT_FOUND) {
                LOG.debug("Content {} is listed as visible but its bytes cannot be read: {}", id, e.getMessage());
                return null;
            }
            throw e;
        }
    }

    private static Bytes child(Bytes parent, Bytes name) {
        byte[] path = new byte[parent.length() + 1 + name.length()];
        byte[] p = parent.toByteArray();
        System.arraycopy(p, 0, path, 0, p.length);
        path[p.length] = '/';
        byte[] n = name.toByteArray();
        System.arraycopy(n, 0, path, p.length + 1, n.length);
        return Bytes.wrap(path);
    }

    /** A directory being written: its listing, the next entry, the metadata of the current batch. */
    private final class Frame {
        final Bytes path;
        final Listing listing;
        int index;
        int batchEnd;
        Map<ObjectId, Content> contents = Map.of();

        Frame(Bytes path, Listing listing) {
            this.path = path;
            this.listing = listing;
        }

        void readBatch() {
            batchEnd = Math.min(index + BATCH, listing.size());
            List<ObjectId> files = new ArrayList<>();
            List<ObjectId> directories = new ArrayList<>();
            for (int i = index; i < batchEnd; i++) {
                EntryType type = listing.type(i);
                if (type == EntryType.FILE) {
                    files.add(listing.target(i));
                } else if (type == EntryType.DIR) {
                    directories.add(listing.target(i));
                }
            }
            contents = files.isEmpty() ? Map.of() : cache.contents(files);
            cache.prefetchListings(directories);
        }
    }
}
