package org.swhvault.storage.s3;

import java.util.Optional;
import java.util.UUID;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleKey;

/**
 * Where bundles live in the bucket: {@code <prefix><bundle type>/<file name>}, such as
 * {@code vault/flat/swh_1_dir_<hex>.tar.gz}, and multipart uploads in progress under
 * {@code <prefix>.uploads/}.
 */
final class ObjectLayout {
    private final String prefix;

    /** {@code prefix} is already normalised: empty, or ending with '/'. */
    ObjectLayout(String prefix) {
        this.prefix = prefix;
    }

    /** Returns the prefix to use: no leading '/', and a trailing '/' unless empty. */
    static String normalisePrefix(String prefix) {
        String p = prefix.replaceFirst("^/+", "");
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    String prefix() {
        return prefix;
    }

    String objectKey(BundleKey key) {
        return typePrefix(key.type()) + key.fileName();
    }

    String typePrefix(BundleType type) {
        return prefix + type.apiName() + "/";
    }

    String newUploadKey() {
        return prefix + ".uploads/" + UUID.randomUUID();
    }

    /** The bundle stored under {@code objectKey}, listed under {@code type}; empty for foreign objects. */
    Optional<BundleKey> bundleKey(BundleType type, String objectKey) {
        String typePrefix = typePrefix(type);
        if (!objectKey.startsWith(typePrefix)) {
            return Optional.empty();
        }
        return BundleKey.ofFileName(type, objectKey.substring(typePrefix.length()))
                .filter(key -> objectKey(key).equals(objectKey));
    }
}
