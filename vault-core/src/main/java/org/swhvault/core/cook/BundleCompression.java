package org.swhvault.core.cook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

import org.swhvault.core.internal.io.ParallelGzipOutputStream;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;

import com.github.luben.zstd.ZstdOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * How {@code flat} and {@code gitfast} bundles are compressed: {@link #GZIP}, what the reference vault
 * serves and the default, or {@link #ZSTD}, an explicit opt-in that cooks several times faster and
 * smaller. Both are reproducible: the bytes depend only on the bundle's content and the level, never
 * on the number of threads.
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

    /** Returns the name used on the command line ({@code gzip}, {@code zstd}). */
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

    /** Returns the media type of such bundles: {@code application/gzip} or {@code application/zstd}. */
    public String mediaType() {
        return "application/" + name;
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
        if (this != GZIP && type != BundleType.FLAT && type != BundleType.GITFAST) {
            throw new VaultException(ErrorCode.UNSUPPORTED, "Only flat and gitfast bundles can be compressed with "
                    + name + "; " + type.apiName() + " bundles are plain tar files.");
        }
    }

    /**
     * Returns a stream that compresses into {@code out}; closing it ends the compressed stream and
     * closes {@code out}.
     *
     * @param out where the compressed bytes go
     * @param level the level: gzip's 0 to 9, zstd's 1 to 19
     * @param threads how many threads compress, at least 1
     * @return the stream, written by one thread
     * @throws IOException if writing a header fails
     */
    public OutputStream open(OutputStream out, int level, int threads) throws IOException {
        requireNonNull(out, "out is null");
        checkLevel(level);
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be positive: " + threads);
        }
        if (this == GZIP) {
            return new ParallelGzipOutputStream(out, level, threads);
        }
        ZstdOutputStream zstd = new ZstdOutputStream(out, level);
        // Always on workers, even one: zstd's single-threaded mode cuts the frame differently, and the
        // bytes must not depend on the thread count. With a checksum, as the zstd command writes.
        zstd.setWorkers(threads);
        zstd.setChecksum(true);
        return zstd;
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
