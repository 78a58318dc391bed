package org.swhvault.core.source.git.internal;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;

/** Small helpers shared by the parsers. */
final class GitObjects {
    /** The id used when an object lacks a field the model requires (a commit without tree). */
    static final ObjectId NULL_ID = ObjectId.of(new byte[ObjectId.LENGTH]);

    private GitObjects() {
    }

    /** Returns {@code type SP length NUL body}, the bytes git hashes. */
    static Bytes withHeader(String type, byte[] body) {
        return Bytes.wrap(Manifests.withHeader(type, body));
    }
}
