package org.swhvault.spi.store;

import java.util.Optional;

import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * Names one bundle: a bundle type, the core SWHID of the cooked object, and how the bundle is compressed.
 * Two keys that differ only in compression name two bundles, cooked, stored and requested apart.
 *
 * @param type the bundle type
 * @param swhid the object's SWHID; qualifiers are dropped
 * @param compression {@link BundleCompression#GZIP}, what the reference vault serves, or {@link BundleCompression#ZSTD}
 *     for {@code flat} and {@code gitfast} bundles
 */
public record BundleKey(BundleType type, Swhid swhid, BundleCompression compression) {
    /**
     * Validates the components and drops qualifiers.
     *
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#UNSUPPORTED} if bundles of
     *     {@code type} cannot be compressed that way
     */
    public BundleKey {
        requireNonNull(type, "type is null");
        requireNonNull(swhid, "swhid is null");
        requireNonNull(compression, "compression is null");
        compression.checkApplies(type);
        swhid = Swhid.of(swhid.type(), swhid.id());
    }

    /**
     * Names the bundle the reference vault serves: {@link BundleCompression#GZIP}.
     *
     * @param type the bundle type
     * @param swhid the object's SWHID; qualifiers are dropped
     */
    public BundleKey(BundleType type, Swhid swhid) {
        this(type, swhid, BundleCompression.GZIP);
    }

    /**
     * Returns the file name a person downloads the bundle under, as the reference vault names it:
     * {@code swh_1_dir_<hex>.tar.gz}, {@code swh_1_rev_<hex>.gitfast.gz}, {@code swh_1_snp_<hex>.git.tar};
     * with zstd, {@code .tar.zst} and {@code .gitfast.zst}.
     *
     * @return the file name
     */
    public String fileName() {
        return swhid.toString().replace(':', '_') + "." + extension();
    }

    /**
     * Returns the key whose {@link #fileName()} is {@code fileName}, for a bundle of {@code type}: the inverse
     * that stores use to list what they hold.
     *
     * @param type the bundle type
     * @param fileName a file name such as {@code swh_1_dir_<hex>.tar.zst}
     * @return the key, or empty if {@code fileName} is not the file name of a bundle of that type
     */
    public static Optional<BundleKey> ofFileName(BundleType type, String fileName) {
        requireNonNull(type, "type is null");
        requireNonNull(fileName, "fileName is null");
        for (BundleCompression compression : BundleCompression.values()) {
            if (!compression.appliesTo(type)) {
                continue;
            }
            String ending = "." + compression.extension(type);
            if (fileName.endsWith(ending)) {
                String name = fileName.substring(0, fileName.length() - ending.length()).replace('_', ':');
                try {
                    BundleKey key = new BundleKey(type, Swhid.parseCore(name), compression);
                    return key.fileName().equals(fileName) ? Optional.of(key) : Optional.empty();
                } catch (VaultException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the file name extension, without the dot: {@code tar.gz}, {@code tar.zst}, {@code git.tar}…. */
    public String extension() {
        return compression.extension(type);
    }

    /** Returns the bundle's media type: {@code application/gzip}, {@code application/zstd} or {@code application/x-tar}. */
    public String mediaType() {
        return compression.mediaType(type);
    }

    /**
     * Returns the name of the bundle's format as stores write it next to the SWHID: the type's
     * {@linkplain BundleType#apiName() API name} for the default compression ({@code flat}), else that name, a
     * {@code +} and the compression's ({@code flat+zstd}). {@link #formatOf} reads it back.
     *
     * @return the format name
     */
    public String format() {
        return compression == BundleCompression.GZIP ? type.apiName() : type.apiName() + "+" + compression.apiName();
    }

    /**
     * Returns the key of the bundle of {@code swhid} in the format {@link #format()} named.
     *
     * @param format a format name such as {@code flat} or {@code flat+zstd}
     * @param swhid the object's SWHID
     * @return the key, or empty if {@code format} names no format (unknown type or compression, or a compression
     *     that does not apply to the type)
     */
    public static Optional<BundleKey> formatOf(String format, Swhid swhid) {
        requireNonNull(format, "format is null");
        requireNonNull(swhid, "swhid is null");
        int plus = format.indexOf('+');
        Optional<BundleType> type = BundleType.fromName(plus < 0 ? format : format.substring(0, plus));
        Optional<BundleCompression> compression = plus < 0 ? Optional.of(BundleCompression.GZIP)
                : BundleCompression.fromName(format.substring(plus + 1))
                        .filter(c -> c != BundleCompression.GZIP && c.apiName().equals(format.substring(plus + 1)));
        if (type.isEmpty() || compression.isEmpty() || !compression.get().appliesTo(type.get())) {
            return Optional.empty();
        }
        return Optional.of(new BundleKey(type.get(), swhid, compression.get()));
    }

    /** Returns {@code <format>:<swhid>}, such as {@code flat:swh:1:dir:…} or {@code flat+zstd:swh:1:dir:…}. */
    @Override
    public String toString() {
        return format() + ":" + swhid;
    }
}
