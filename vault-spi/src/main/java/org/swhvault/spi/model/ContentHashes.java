package org.swhvault.spi.model;

import java.util.HexFormat;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The hashes of a content's bytes: its intrinsic id and, when asked for, the other checksums the
 * archive records (all of the raw bytes, without header).
 *
 * @param sha1Git the intrinsic id, {@code sha1("blob " + length + "\0" + data)}
 * @param length the length in bytes
 * @param sha1 the plain SHA-1, if computed
 * @param sha256 the SHA-256, if computed
 * @param blake2s256 the BLAKE2s-256 (RFC 7693, no key), if computed
 */
public record ContentHashes(
        ObjectId sha1Git, long length, Optional<Bytes> sha1, Optional<Bytes> sha256, Optional<Bytes> blake2s256) {
    /** Validates the components. */
    public ContentHashes {
        requireNonNull(sha1Git, "sha1Git is null");
        requireNonNull(sha1, "sha1 is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(blake2s256, "blake2s256 is null");
        if (length < 0) {
            throw new IllegalArgumentException("length must be non-negative, got " + length);
        }
        checkLength(sha1, 20, "sha1");
        checkLength(sha256, 32, "sha256");
        checkLength(blake2s256, 32, "blake2s256");
    }

    private static void checkLength(Optional<Bytes> hash, int length, String name) {
        if (hash.isPresent() && hash.get().length() != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, got " + hash.get().length());
        }
    }

    /** Returns the content's metadata with status {@link ContentStatus#VISIBLE}. */
    public Content toContent() {
        return new Content(sha1Git, length, ContentStatus.VISIBLE);
    }

    /** Returns the plain SHA-1 as lowercase hex, if computed. */
    public Optional<String> sha1Hex() {
        return sha1.map(ContentHashes::hex);
    }

    /** Returns the SHA-256 as lowercase hex, if computed. */
    public Optional<String> sha256Hex() {
        return sha256.map(ContentHashes::hex);
    }

    /** Returns the BLAKE2s-256 as lowercase hex, if computed. */
    public Optional<String> blake2s256Hex() {
        return blake2s256.map(ContentHashes::hex);
    }

    private static String hex(Bytes b) {
        return HexFormat.of().formatHex(b.array());
    }
}
