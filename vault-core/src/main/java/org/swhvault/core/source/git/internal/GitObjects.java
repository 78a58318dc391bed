package org.swhvault.core.source.git.internal;

import java.nio.charset.StandardCharsets;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

/** Small helpers shared by the parsers. */
final class GitObjects {
    /** The id used when an object lacks a field the model requires (a commit without tree). */
    static final ObjectId NULL_ID = ObjectId.of(new byte[ObjectId.LENGTH]);

    private GitObjects() {
    }

    /** Returns {@code type SP length NUL body}, the bytes git hashes. */
    static Bytes withHeader(String type, byte[] body) {
        byte[] header = (type + ' ' + body.length).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + 1 + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length + 1, body.length);
        return Bytes.wrap(out);
    }
}
