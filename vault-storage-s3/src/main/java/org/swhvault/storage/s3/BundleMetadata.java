package org.swhvault.storage.s3;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;

/**
 * What the store records about a bundle as user metadata on its object ({@code x-amz-meta-swhvault-*}),
 * and the object headers that go with it.
 */
final class BundleMetadata {
    static final String SHA256 = "swhvault-sha256";
    static final String SIZE = "swhvault-size";
    static final String CREATED = "swhvault-created";

    private BundleMetadata() {
    }

    static Map<String, String> of(long size, String sha256, Instant created) {
        return Map.of(SHA256, sha256, SIZE, Long.toString(size), CREATED, created.toString());
    }

    /** Objects written by other tools have no metadata: no checksum then, and the server's date. */
    static BundleInfo read(BundleKey key, long size, Instant lastModified, Map<String, String> metadata) {
        Optional<String> sha256 = sha256(metadata);
        Instant created = lastModified;
        String recorded = metadata.get(CREATED);
        if (recorded != null) {
            try {
                created = Instant.parse(recorded);
            } catch (DateTimeParseException e) {
                // keep the server's date
            }
        }
        return new BundleInfo(key, size, sha256, created);
    }

    static Optional<String> sha256(Map<String, String> metadata) {
        return Optional.ofNullable(metadata.get(SHA256)).filter(s -> s.matches("[0-9a-f]{64}"));
    }

    static String contentDisposition(BundleKey key) {
        return "attachment; filename=\"" + key.fileName() + "\"";
    }
}
