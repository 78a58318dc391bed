package org.swhvault.core.cook.gitfast.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.core.cook.internal.ExactLengthInputStream;
import org.swhvault.core.cook.internal.Placeholders;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;

/**
 * Writes {@code blob} commands, streaming each content from the source into {@code data <length>};
 * contents the source cannot serve become the reference vault's placeholder texts.
 */
final class BlobWriter {
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
            byte[] placeholder = content == null ? Placeholders.forStatus(null)
                    : content.status() != ContentStatus.VISIBLE ? Placeholders.forStatus(content.status()) : null;
            InputStream in = null;
            if (placeholder == null) {
                try {
                    in = source.openContent(id);
                } catch (VaultException e) {
                    placeholder = switch (e.code()) {
                        case CONTENT_UNAVAILABLE -> Placeholders.forStatus(ContentStatus.ABSENT);
                        case OBJECT_NOT_FOUND -> Placeholders.forStatus(null);
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
            try (InputStream bytes = new ExactLengthInputStream(in, id, content.length())) {
                header(mark, content.length());
                copy(bytes);
                out.write('\n');
            }
        }
    }

    private void header(int mark, long length) throws IOException {
        out.write(("blob\nmark :" + mark + "\ndata " + length + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void copy(InputStream in) throws IOException {
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }
}
