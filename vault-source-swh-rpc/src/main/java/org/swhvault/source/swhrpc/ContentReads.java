package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.ContentStatus;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.SwhMsgpack;

import static org.swhvault.source.swhrpc.Calls.bytes;
import static org.swhvault.source.swhrpc.Calls.kwargs;

/**
 * Contents: metadata by {@code content_get} (by {@code sha1_git}, one call per batch), absent ones told from
 * missing ones by {@code skipped_content_find}, bytes by {@code content_get_data} with the four hashes the
 * metadata gave (remembered for a while, so that opening a content just looked up costs one call). A batch the
 * masking proxy refuses is asked again without the masked contents, which read as hidden.
 */
final class ContentReads {
    /** How many contents' hashes are remembered between reading their metadata and opening their bytes. */
    private static final int REMEMBERED = 10_000;
    private static final ObjectType CNT = ObjectType.CONTENT;

    private final Calls calls;
    private final long maxContentSize;
    private final Map<ObjectId, ModelReader.StoredContent> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<ObjectId, ModelReader.StoredContent> eldest) {
                    return size() > REMEMBERED;
                }
            });

    ContentReads(Calls calls, long maxContentSize) {
        this.calls = calls;
        this.maxContentSize = maxContentSize;
    }

    Map<ObjectId, Content> read(Collection<ObjectId> ids) {
        Map<ObjectId, Content> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : calls.batches(ids)) {
            lookup(batch).forEach((id, stored) -> found.put(id, stored.content()));
        }
        return found;
    }

    private Map<ObjectId, ModelReader.StoredContent> lookup(List<ObjectId> batch) {
        Map<ObjectId, ModelReader.StoredContent> found = new LinkedHashMap<>();
        List<ObjectId> asked = new ArrayList<>(batch);
        List<?> got = List.of();
        while (!asked.isEmpty()) {
            try {
                got = calls.aligned(asked, calls.rpc.call("content/metadata",
                        kwargs("contents", bytes(asked), "algo", "sha1_git")));
                break;
            } catch (MaskedObjects e) {
                List<ObjectId> masked = e.swhids().stream().filter(s -> s.type() == CNT && asked.contains(s.id()))
                        .map(Swhid::id).toList();
                if (masked.isEmpty()) {
                    throw calls.unavailable(CNT, e);
                }
                masked.forEach(id -> found.put(id, unreadable(new Content(id, 0, ContentStatus.HIDDEN))));
                asked.removeAll(masked);
            }
        }
        for (int i = 0; i < got.size(); i++) {
            ObjectId id = asked.get(i);
            Object value = got.get(i);
            if (value == null) {
                skipped(id).ifPresent(c -> found.put(id, unreadable(c)));
                continue;
            }
            ModelReader.StoredContent stored = calls.read(CNT, id, () -> ModelReader.content(value),
                    s -> s.content().sha1Git());
            found.put(id, stored);
            recent.put(id, stored);
        }
        return found;
    }

    private static ModelReader.StoredContent unreadable(Content c) {
        return new ModelReader.StoredContent(c, null);
    }

    private Optional<Content> skipped(ObjectId id) {
        List<?> got;
        try {
            Object answer = calls.rpc.call("content/skipped/find", kwargs("content", kwargs("sha1_git", bytes(id))));
            if (!(answer instanceof List<?> list)) {
                throw calls.corrupt(Swhid.of(CNT, id), "its skipped contents are " + Fields.describe(answer));
            }
            got = list;
        } catch (MaskedObjects e) {
            return Optional.of(new Content(id, 0, ContentStatus.HIDDEN));
        }
        return got.isEmpty() ? Optional.empty()
                : Optional.of(calls.read(CNT, id, () -> ModelReader.skipped(id, got.get(0)), null));
    }

    /** Opens a content's bytes; see {@link SwhStorageRpcSource#openContent}. */
    InputStream open(ObjectId id) {
        Swhid swhid = Swhid.of(CNT, id);
        ModelReader.StoredContent stored = recent.get(id);
        if (stored == null) {
            stored = lookup(List.of(id)).get(id);
        }
        if (stored == null) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " is not in the archive at " + calls.rpc.url()
                    + ".");
        }
        Content content = stored.content();
        if (content.status() != ContentStatus.VISIBLE) {
            throw new VaultException(ErrorCode.CONTENT_UNAVAILABLE, swhid + " is "
                    + content.status().name().toLowerCase(Locale.ROOT) + " in the archive at " + calls.rpc.url() + ".");
        }
        if (content.length() > maxContentSize) {
            throw new VaultException(ErrorCode.BUNDLE_TOO_LARGE, swhid + " is " + content.length()
                    + " bytes long, more than the " + maxContentSize + " bytes this source reads in one answer.");
        }
        String endpoint = "content/data";
        InputStream body = calls.open(endpoint, CNT, kwargs("content", stored.hashes()));
        try {
            MessageUnpacker in = SwhMsgpack.unpacker(body);
            MessageFormat format = in.getNextFormat();
            VaultException refused = null;
            if (format == MessageFormat.NIL) {
                refused = new VaultException(ErrorCode.OBJECT_NOT_FOUND, calls.rpc + " knows " + swhid
                        + " but has none of its bytes.");
            } else if (format.getValueType() != ValueType.BINARY) {
                refused = calls.rpc.failure("answered POST /" + endpoint + " with a " + format.getValueType()
                        + ", not the bytes of " + swhid, null);
            } else {
                long length = Integer.toUnsignedLong(in.unpackBinaryHeader());
                if (length == content.length()) {
                    return new ContentStream(in, id, length, what -> calls.rpc.failure(what, null));
                }
                refused = new VaultException(ErrorCode.CORRUPT_OBJECT, calls.rpc + " serves " + length + " bytes for "
                        + swhid + ", whose length is " + content.length() + ".");
            }
            in.close();
            throw refused;
        } catch (IOException | MessagePackException e) {
            try {
                body.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw calls.rpc.failure("lost the answer to POST /" + endpoint + ": " + e.getMessage(), e);
        }
    }
}
