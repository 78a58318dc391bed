package org.swhvault.core.source.memory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

/** Ids of raw manifests (which already hold their header). */
final class RawIds {
    /** Stands for the id while the canonical form, which does not hash the id, is computed. */
    static final ObjectId PLACEHOLDER = ObjectId.of(new byte[ObjectId.LENGTH]);

    private RawIds() {
    }

    static ObjectId of(Bytes rawManifest) {
        try {
            return ObjectId.of(MessageDigest.getInstance("SHA-1").digest(rawManifest.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
