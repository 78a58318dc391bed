package org.swhvault.core.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/** The wrapper around a raw deflate stream: gzip (RFC 1952) or zlib (RFC 1950). */
public enum DeflateFraming {
    /**
     * gzip with mtime 0, no file name, and OS byte 3 (Unix), as {@code gzip -n} and {@code pigz} write
     * on Linux: the header never depends on when or where the bundle was cooked.
     */
    GZIP {
        @Override
        byte[] header(int level) {
            int xfl = level == 9 ? 2 : level == 1 ? 4 : 0; // what gzip writes for -9 and -1
            return new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3};
        }

        @Override
        Checksum newChecksum() {
            return new CRC32();
        }

        @Override
        void writeTrailer(OutputStream out, Checksum checksum, long totalIn) throws IOException {
            int crc = (int) checksum.getValue();
            int size = (int) totalIn; // ISIZE is the input length modulo 2^32
            out.write(new byte[] {
                (byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24),
                (byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)});
        }
    },
    /** zlib with a 32 KiB window and the level flags zlib itself writes, as git object data is. */
    ZLIB {
        @Override
        byte[] header(int level) {
            int levelFlags = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
            int header = (0x78 << 8) | (levelFlags << 6);
            header += 31 - header % 31;
            return new byte[] {(byte) (header >>> 8), (byte) header};
        }

        @Override
        Checksum newChecksum() {
            return new Adler32();
        }

        @Override
        void writeTrailer(OutputStream out, Checksum checksum, long totalIn) throws IOException {
            int adler = (int) checksum.getValue();
            out.write(new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler});
        }
    };

    abstract byte[] header(int level);

    abstract Checksum newChecksum();

    abstract void writeTrailer(OutputStream out, Checksum checksum, long totalIn) throws IOException;
}
