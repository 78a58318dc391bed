package org.swhvault.objstorage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

/** The compressions that need a library: bz2 (commons-compress), lzma (XZ for Java) and zstd (zstd-jni). */
final class Codecs {
    /** The most memory an lzma stream may ask for, in KiB: preset 9 needs 65 MiB, a hostile header 4 GiB. */
    private static final int LZMA_MEMORY_LIMIT_KIB = 256 * 1024;
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final int BZ2_BLOCK_SIZE = 9;
    private static final int LZMA_PRESET = 6;
    private static final int ZSTD_LEVEL = 3;
    private static final int BUFFER = 64 * 1024;

    private Codecs() {
    }

    static InputStream decompressing(Compression compression, InputStream unbuffered) throws IOException {
        // the bzip2 decoder reads byte by byte, and the lzma one needs mark and reset to tell xz from .lzma
        InputStream stored = compression == Compression.ZSTD ? unbuffered : new BufferedInputStream(unbuffered, BUFFER);
        return switch (compression) {
            case BZ2 -> new EndOfInput(new BZip2CompressorInputStream(stored, false), stored, "bzip2");
            case LZMA -> isXz(stored)
                    ? new EndOfInput(new SingleXZInputStream(stored, LZMA_MEMORY_LIMIT_KIB, true), stored, "xz")
                    : new EndOfInput(new LZMAInputStream(stored, LZMA_MEMORY_LIMIT_KIB), stored, "lzma");
            // concatenated frames are one zstd stream (the format says so); anything else after a frame fails
            case ZSTD -> new ZstdInputStreamNoFinalizer(stored);
            default -> throw new IllegalArgumentException(compression + " needs no library");
        };
    }

    static OutputStream compressing(Compression compression, OutputStream unbuffered) throws IOException {
        // the bzip2 encoder writes byte by byte
        OutputStream stored = new BufferedOutputStream(unbuffered, BUFFER);
        return switch (compression) {
            case BZ2 -> new BZip2CompressorOutputStream(stored, BZ2_BLOCK_SIZE);
            case LZMA -> new XZOutputStream(stored, new LZMA2Options(LZMA_PRESET), XZ.CHECK_CRC64);
            case ZSTD -> new ZstdOutputStreamNoFinalizer(stored, ZSTD_LEVEL).setChecksum(true);
            default -> throw new IllegalArgumentException(compression + " needs no library");
        };
    }

    /** Python's {@code lzma.LZMADecompressor()} detects the container the same way: xz by its magic. */
    private static boolean isXz(InputStream stored) throws IOException {
        stored.mark(XZ_MAGIC.length);
        byte[] start = stored.readNBytes(XZ_MAGIC.length);
        stored.reset();
        return Arrays.equals(start, XZ_MAGIC);
    }

    /** Ends a single-stream decoder by checking that its input ends too. */
    private static final class EndOfInput extends BulkInputStream {
        private final InputStream in;
        private final InputStream stored;
        private final String format;
        private boolean ended;

        EndOfInput(InputStream decoder, InputStream stored, String format) {
            this.in = decoder;
            this.stored = stored;
            this.format = format;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            int n = in.read(b, off, len);
            if (n < 0) {
                if (stored.read() >= 0) {
                    throw new IOException("bytes follow the end of the " + format + " stream");
                }
                ended = true;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
