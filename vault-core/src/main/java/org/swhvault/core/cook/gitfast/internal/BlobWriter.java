package org.swhvault.core.cook.gitfast.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Writes {@code blob} commands, streaming each content from the source into {@code data <length>};
 * contents the source cannot serve become the reference vault's placeholder texts.
 */
final class BlobWriter {
    /** For absent (skipped) contents and visible ones without bytes. */
    static final byte[] ABSENT = ("This content has not been retrieved in the Software Heritage archive due to its "
            + "size.").getBytes(StandardCharsets.US_ASCII);
    /** For hidden contents. */
    static final byte[] HIDDEN = "This content is hidden.".getBytes(StandardCharsets.US_ASCII);
    /** For contents the source does not know. */
    static final byte[] MISSING = ("This content is missing from the Software Heritage archive (or from the mirror "
            + "used while retrieving it).").getBytes(StandardCharsets.US_ASCII);

    private static final int METADATA_BATCH = 1024;

    private final ObjectSource source;
    private final BlobMarks marks;
    private final OutputStream out;
    private final CookContext context;
    private final byte[] buffer = new byte[64 * 1024];

    BlobWriter(ObjectSource source, BlobMarks marks, OutputStream out, CookContext context) {
        this.source = source;
        this.marks = marks;
        this.out = out;
        this.context = context;
    }

    /** Writes the blobs a commit uses first, recording placeholders as losses of that commit. */
    void write(List<ObjectId> ids, FileChanges changes) throws IOException {
        // Batches keep the metadata of a huge first commit out of memory.
        for (int from = 0; from < ids.size(); from += METADATA_BATCH) {
            writeBatch(ids.subList(from, Math.min(ids.size(), from + METADATA_BATCH)), changes);
        }
    }

    private void writeBatch(List<ObjectId> ids, FileChanges changes) throws IOException {
        Map<ObjectId, Content> found = source.contents(ids);
        for (ObjectId id : ids) {
            context.checkCancelled();
            int mark = marks.markOf(id);
            Content content = found.get(id);
            byte[] placeholder = content == null ? MISSING
                    : content.status() == ContentStatus.HIDDEN ? HIDDEN
                    : content.status() == ContentStatus.ABSENT ? ABSENT : null;
            InputStream in = null;
            if (placeholder == null) {
                try {
                    in = source.openContent(id);
                } catch (VaultException e) {
                    placeholder = switch (e.code()) {
                        case CONTENT_UNAVAILABLE -> ABSENT;
                        case OBJECT_NOT_FOUND -> MISSING;
                        default -> throw e;
                    };
                }
            }
            if (placeholder != null) {
                marks.placeholder(id);
                changes.loss(LossReason.UNAVAILABLE_CONTENT);
                header(mark, placeholder.length);
                out.write(placeholder);
                out.write('\n');
                continue;
            }
            try (InputStream bytes = in) {
                header(mark, content.length());
                copy(bytes, content.length(), id);
                out.write('\n');
            }
        }
    }

    private void header(int mark, long length) throws IOException {
        out.write(("blob\nmark :" + mark + "\ndata " + length + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void copy(InputStream in, long length, ObjectId id) throws IOException {
        long left = length;
        while (left > 0) {
            int n = read(in, (int) Math.min(buffer.length, left), id);
            if (n < 0) {
                throw corrupt(id, "ends after " + (length - left) + " bytes, but the archive records a length of "
                        + length + " bytes.");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        if (read(in, 1, id) >= 0) {
            throw corrupt(id, "has more than the " + length + " bytes the archive records for it.");
        }
    }

    private int read(InputStream in, int max, ObjectId id) {
        try {
            return in.read(buffer, 0, max);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Reading the bytes of "
                    + Swhid.of(ObjectType.CONTENT, id) + " failed: " + e.getMessage(), e);
        }
    }

    private static VaultException corrupt(ObjectId id, String what) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, "Content " + Swhid.of(ObjectType.CONTENT, id) + " " + what);
    }
}
