package org.swhvault.core.cook.gitbare;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.swhvault.core.cook.internal.ExactLengthInputStream;
import org.swhvault.core.cook.internal.Placeholders;
import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.core.cook.gitbare.pack.PackWriter;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;

/**
 * Adds contents to the pack as blobs, each with its delta group. A content the source cannot serve (hidden, absent, missing)
 * becomes a blob holding the reference vault's placeholder text, under the content's own id, so that
 * trees stay whole and checkouts work; it is reported.
 */
final class ContentWriter {
    private static final int IN_MEMORY_LIMIT = 1 << 20;

    private final ObjectSource source;
    private final PackWriter pack;
    private final CookReport report;
    private final byte[] buffer = new byte[IN_MEMORY_LIMIT + 1];

    ContentWriter(ObjectSource source, PackWriter pack, CookReport report) {
        this.source = source;
        this.pack = pack;
        this.report = report;
    }

    /**
     * Streams a content into the pack. Small contents are read whole, so their length comes from their
     * bytes: sources then need not look up metadata (for git, that would inflate every blob twice).
     */
    void write(ObjectId id, long group) throws IOException {
        ExactLengthInputStream in;
        try {
            in = ExactLengthInputStream.lengthLater(source.openContent(id), id);
        } catch (VaultException e) {
            if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
                placeholder(id, group, Placeholders.MISSING, "is missing from the archive");
                return;
            }
            if (e.code() == ErrorCode.CONTENT_UNAVAILABLE) {
                unavailable(id, group, source.content(id));
                return;
            }
            throw e;
        }
        try (in) {
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n < buffer.length) {
                pack.add(GitObjectType.BLOB, id, Arrays.copyOf(buffer, n), group);
                return;
            }
            long length = source.content(id).map(Content::length).orElseThrow(() -> new VaultException(
                    ErrorCode.CORRUPT_OBJECT, "The archive serves the bytes of content " + id + " but not its length."));
            in.expect(length, length - n);
            InputStream body = new SequenceInputStream(new ByteArrayInputStream(buffer.clone()), in);
            pack.add(GitObjectType.BLOB, id, length, body, group);
        }
    }

    private void unavailable(ObjectId id, long group, Optional<Content> content) throws IOException {
        if (content.isEmpty()) {
            placeholder(id, group, Placeholders.MISSING, "is missing from the archive");
        } else if (content.get().status() == ContentStatus.HIDDEN) {
            placeholder(id, group, Placeholders.HIDDEN, "is hidden");
        } else if (content.get().status() == ContentStatus.ABSENT) {
            placeholder(id, group, Placeholders.ABSENT, "was not retrieved by the archive");
        } else {
            placeholder(id, group, Placeholders.ABSENT, "has no bytes in the archive");
        }
    }

    private void placeholder(ObjectId id, long group, String text, String why) throws IOException {
        report.placeholder(id, "The content " + id + " " + why + "; it holds a placeholder text instead.");
        pack.add(GitObjectType.BLOB, id, text.getBytes(StandardCharsets.US_ASCII), group);
    }
}
