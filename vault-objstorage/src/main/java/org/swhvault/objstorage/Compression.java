package org.swhvault.objstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.Settings;

import static java.util.Objects.requireNonNull;

/**
 * How an objstorage compresses each object, named as swh-objstorage's {@code compression} setting names it
 * ({@code swh/objstorage/objstorage.py}). Every format is one self-contained stream per object, written as
 * swh-objstorage writes it and read as strictly as it reads it: bytes after the end of the compressed stream
 * make the object corrupt. Streams never hold an object in memory.
 */
public enum Compression {
    /** No compression: the object's bytes as they are. */
    NONE("none"),
    /**
     * One gzip member, as Python's {@code zlib.compressobj(wbits=31)} writes it: level 6, no file name, mtime
     * 0, operating system 3 (Unix). The default of swh-objstorage's pathslicing and S3 back ends.
     */
    GZIP("gzip"),
    /** One zlib stream, as Python's {@code zlib.compressobj()} writes it: level 6. */
    ZLIB("zlib"),
    /** One bzip2 stream, as Python's {@code bz2.BZ2Compressor()} writes it: blocks of 900 kB. */
    BZ2("bz2"),
    /**
     * One xz stream, as Python's {@code lzma.LZMACompressor()} writes it: preset 6, CRC64 check. Reading also
     * accepts the legacy {@code .lzma} container, as Python's {@code lzma.LZMADecompressor()} does.
     */
    LZMA("lzma"),
    /**
     * Zstandard frames, as the {@code zstd} command writes them: level 3, with content checksums. Not a
     * format swh-objstorage writes or reads (its compressions are none, gzip, zlib, bz2 and lzma): an
     * objstorage compressed so is readable by this library and the {@code zstd} tool only.
     */
    ZSTD("zstd");

    private static final int BUFFER = 64 * 1024;

    private final String configName;

    Compression(String configName) {
        this.configName = configName;
    }

    /** Returns the name swh-objstorage's configuration uses, such as {@code gzip}. */
    public String configName() {
        return configName;
    }

    /**
     * Returns the compression of a configuration name.
     *
     * @param name a name such as {@code gzip}; case does not matter
     * @return the compression, or empty if no compression has that name
     */
    public static Optional<Compression> forName(String name) {
        requireNonNull(name, "name is null");
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.configName.equals(wanted)).findFirst();
    }

    /**
     * Reads an objstorage's compression setting, {@code gzip} unless set: what swh-objstorage's pathslicing
     * and S3 back ends use when their configuration does not say.
     *
     * @param settings the provider's settings
     * @param key the setting's key, such as {@code compression}
     * @param plugin how messages name the plug-in, such as {@code "pathslicing objstorage"}
     * @return the compression
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the value names no compression
     */
    public static Compression setting(Settings settings, String key, String plugin) {
        String value = settings.optional(key).orElse(GZIP.configName);
        return forName(value).orElseThrow(() -> new VaultException(ErrorCode.INVALID_ARGUMENT, "The " + plugin
                + " setting '" + key + "' must be one of " + names() + ", got '" + value + "'."));
    }

    /** Returns every configuration name, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Compression::configName).collect(Collectors.joining(", "));
    }

    /**
     * Decompresses a stored object as it is read. The returned stream reports the end only once the whole
     * compressed stream has been read and checked (trailer, checksum, nothing after it); a stored object
     * that is not in this format, is truncated, or has bytes after its end makes a read throw
     * {@link IOException}. Closing it closes {@code stored}.
     *
     * @param stored the stored bytes
     * @return the object's bytes
     * @throws IOException if the format's header cannot be read
     */
    public InputStream decompressing(InputStream stored) throws IOException {
        requireNonNull(stored, "stored is null");
        return switch (this) {
            case NONE -> stored;
            case GZIP -> new InflatingInputStream(stored, true);
            case ZLIB -> new InflatingInputStream(stored, false);
            default -> Codecs.decompressing(this, stored);
        };
    }

    /**
     * Compresses an object as it is written. Closing the returned stream finishes the compressed stream and
     * closes {@code stored}.
     *
     * @param stored where the compressed bytes go
     * @return the stream to write the object's bytes to
     * @throws IOException if the format's header cannot be written
     */
    public OutputStream compressing(OutputStream stored) throws IOException {
        requireNonNull(stored, "stored is null");
        return switch (this) {
            case NONE -> stored;
            case GZIP -> new DeflatingOutputStream(stored, true, BUFFER);
            case ZLIB -> new DeflatingOutputStream(stored, false, BUFFER);
            default -> Codecs.compressing(this, stored);
        };
    }

    /** Returns {@link #configName()}. */
    @Override
    public String toString() {
        return configName;
    }
}
