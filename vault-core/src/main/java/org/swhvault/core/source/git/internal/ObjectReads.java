package org.swhvault.core.source.git.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;

/**
 * Reads objects of one repository through a caller's {@link ObjectReader}, mapping JGit's failures to
 * {@link VaultException}s that name the object and the repository.
 */
public final class ObjectReads {
    /**
     * Cookers ask for a content's metadata and then open it: JGit inflates a small blob to tell its
     * size, so the bytes are kept for the open that follows (a few MiB at most, small blobs only).
     */
    private static final int RECENT_BLOB_MAX = 1 << 20;
    private static final long RECENT_TOTAL_MAX = 8L << 20;

    private final String repository;
    private final Map<ObjectId, byte[]> recentBlobs = new LinkedHashMap<>();
    private long recentBytes;

    /**
     * Creates the reads of one repository.
     *
     * @param repository how error messages name the repository
     */
    public ObjectReads(String repository) {
        this.repository = repository;
    }

    /**
     * Parses an object if it is present and of {@code type}.
     *
     * @param reader the reader to use
     * @param id the object id
     * @param type the JGit object type expected
     * @param parser parses the body
     * @param <T> the model type
     * @return the object, or empty if missing or of another type
     */
    public <T> Optional<T> parse(ObjectReader reader, ObjectId id, int type, BiFunction<ObjectId, byte[], T> parser) {
        byte[] body = body(reader, id, type);
        if (body == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(id, body));
        } catch (CorruptObjectBodyException e) {
            throw new VaultException(ErrorCode.CORRUPT_OBJECT,
                    "object " + id + " in git repository " + repository + " is corrupt: " + e.getMessage(), e);
        }
    }

    /**
     * Returns an object's body if it is present and of {@code type}, else null.
     *
     * @param reader the reader to use
     * @param id the object id
     * @param type the JGit object type expected
     * @return the body (not to be modified), or null
     */
    public byte[] body(ObjectReader reader, ObjectId id, int type) {
        try {
            ObjectLoader loader = loader(reader, id);
            if (loader == null || loader.getType() != type) {
                return null;
            }
            return loader.getCachedBytes(Integer.MAX_VALUE);
        } catch (IOException | LargeObjectException e) {
            throw corrupt(id, e);
        }
    }

    /**
     * Returns a blob's metadata, without reading a large blob's bytes.
     *
     * @param reader the reader to use
     * @param id the blob id
     * @return the content, or empty if missing or not a blob
     */
    public Optional<Content> content(ObjectReader reader, ObjectId id) {
        try {
            ObjectLoader loader = loader(reader, id);
            if (loader == null || loader.getType() != Constants.OBJ_BLOB) {
                return Optional.empty();
            }
            if (!loader.isLarge() && loader.getSize() <= RECENT_BLOB_MAX) {
                remember(id, loader.getCachedBytes());
            }
            return Optional.of(new Content(id, loader.getSize(), ContentStatus.VISIBLE));
        } catch (IOException e) {
            throw corrupt(id, e);
        }
    }

    /**
     * Opens a blob as a stream that closes {@code reader} when closed (and on failure).
     *
     * @param reader a reader owned by the stream from now on
     * @param id the blob id
     * @return the stream
     */
    public InputStream open(ObjectReader reader, ObjectId id) {
        byte[] recent = takeRecent(id);
        if (recent != null) {
            reader.close();
            return new ByteArrayInputStream(recent);
        }
        try {
            ObjectLoader loader = loader(reader, id);
            if (loader == null || loader.getType() != Constants.OBJ_BLOB) {
                throw new VaultException(ErrorCode.OBJECT_NOT_FOUND,
                        "content " + id + " is not in git repository " + repository);
            }
            return new FilterInputStream(loader.openStream()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        reader.close();
                    }
                }
            };
        } catch (IOException e) {
            reader.close();
            throw corrupt(id, e);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private synchronized void remember(ObjectId id, byte[] bytes) {
        byte[] previous = recentBlobs.put(id, bytes);
        recentBytes += bytes.length - (previous == null ? 0 : previous.length);
        Iterator<byte[]> oldest = recentBlobs.values().iterator();
        while (recentBytes > RECENT_TOTAL_MAX && oldest.hasNext()) {
            recentBytes -= oldest.next().length;
            oldest.remove();
        }
    }

    private synchronized byte[] takeRecent(ObjectId id) {
        byte[] bytes = recentBlobs.remove(id);
        if (bytes != null) {
            recentBytes -= bytes.length;
        }
        return bytes;
    }

    private static ObjectLoader loader(ObjectReader reader, ObjectId id) throws IOException {
        try {
            return reader.open(JGitIds.toJGit(id));
        } catch (MissingObjectException e) {
            return null;
        }
    }

    private VaultException corrupt(ObjectId id, Exception e) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT,
                "object " + id + " in git repository " + repository + " cannot be read: " + e.getMessage(), e);
    }
}
