package org.swhvault.spi.cook;

import java.util.Locale;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * How a bundle is compressed, part of its {@link org.swhvault.spi.store.BundleKey key}: {@link #GZIP}, what the
 * reference vault serves and the default, or {@link #ZSTD}, an explicit opt-in for {@code flat} and
 * {@code gitfast} bundles that cooks several times faster. Both are reproducible: the bytes depend only on
 * the bundle's content and the level, never on the number of threads.
 *
 * <p>{@code git-bare} bundles are plain tar files holding an already compressed pack; they have only the
 * default, {@link #GZIP}, which for them names the reference's format rather than a gzip stream.
 */
public enum BundleCompression {
    /** One gzip member, deflated in parallel blocks (pigz-style); {@code gzip -d}, {@code zcat} and any gzip reader read it. */
    GZIP("gzip", null, 6),
    /** One zstd frame, compressed by zstd's own worker threads; {@code zstd -d} reads it. */
    ZSTD("zstd", "zst", 3);

    private final String name;
    private final String extensionSuffix;
    private final int defaultLevel;

    BundleCompression(String name, String extensionSuffix, int defaultLevel) {
        this.name = name;
        this.extensionSuffix = extensionSuffix;
        this.defaultLevel = defaultLevel;
    }

    /** Returns the name used on the command line and in the HTTP API ({@code gzip}, {@code zstd}). */
    public String apiName() {
        return name;
    }

    /** Returns the level used unless told otherwise: gzip's 6, zstd's 3. */
    public int defaultLevel() {
        return defaultLevel;
    }

    /**
     * Returns the file name extension of a bundle of {@code type} compressed this way, without the dot:
     * the type's own for gzip ({@code tar.gz}, {@code gitfast.gz}), else {@code tar.zst} and
     * {@code gitfast.zst}, so the two never share a file name.
     *
     * @param type {@link BundleType#FLAT} or {@link BundleType#GITFAST}
     * @return the extension
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} for a type whose compression is fixed
     */
    public String extension(BundleType type) {
        requireNonNull(type, "type is null");
        checkApplies(type);
        if (extensionSuffix == null) {
            return type.extension();
        }
        String own = type.extension();
        return own.substring(0, own.lastIndexOf('.') + 1) + extensionSuffix;
    }

    /**
     * Returns the media type of a bundle of {@code type} compressed this way: the type's own for gzip,
     * {@code application/zstd} otherwise.
     *
     * @param type {@link BundleType#FLAT} or {@link BundleType#GITFAST}, or any type with {@link #GZIP}
     * @return the media type
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} for a type whose compression is fixed
     */
    public String mediaType(BundleType type) {
        requireNonNull(type, "type is null");
        checkApplies(type);
        return extensionSuffix == null ? type.mediaType() : "application/" + name;
    }

    /**
     * Returns whether bundles of {@code type} can be compressed this way: any type with {@link #GZIP} (the
     * default), only {@code flat} and {@code gitfast} otherwise.
     *
     * @param type the bundle type
     * @return whether it applies
     */
    public boolean appliesTo(BundleType type) {
        requireNonNull(type, "type is null");
        return this == GZIP || type == BundleType.FLAT || type == BundleType.GITFAST;
    }

    /**
     * Checks that bundles of {@code type} can be compressed this way: any type with {@link #GZIP} (the
     * default), only {@code flat} and {@code gitfast} otherwise ({@code git-bare} bundles are plain tar
     * files whose pack is compressed already).
     *
     * @param type the bundle type
     * @throws VaultException with {@link ErrorCode#UNSUPPORTED} if not
     */
    public void checkApplies(BundleType type) {
        if (!appliesTo(type)) {
            throw new VaultException(ErrorCode.UNSUPPORTED, "Only flat and gitfast bundles can be compressed with "
                    + name + "; " + type.apiName() + " bundles are plain tar files.");
        }
    }

    /**
     * Checks a level for this compression.
     *
     * @param level the level
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if out of range
     */
    public void checkLevel(int level) {
        int max = this == GZIP ? 9 : 19;
        int min = this == GZIP ? 0 : 1;
        if (level < min || level > max) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "The " + name + " level must be " + min + " to " + max + ", got " + level + ".");
        }
    }

    /**
     * Returns the compression of the given name, in any case.
     *
     * @param name {@code gzip} or {@code zstd}
     * @return the compression, or empty if unknown
     */
    public static Optional<BundleCompression> fromName(String name) {
        requireNonNull(name, "name is null");
        String lower = name.toLowerCase(Locale.ROOT);
        for (BundleCompression c : values()) {
            if (c.name.equals(lower)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
