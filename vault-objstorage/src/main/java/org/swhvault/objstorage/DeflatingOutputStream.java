package org.swhvault.objstorage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes one gzip member or one zlib stream byte for byte as Python's {@code zlib.compressobj(wbits=31)} or
 * {@code zlib.compressobj()} does: both call zlib's {@code deflate} at level 6 with the default memory level and
 * strategy. The gzip header is the one zlib writes (no name, mtime 0, extra flags 0, operating system 3 for
 * Unix); the JDK's {@code GZIPOutputStream} writes another operating system byte.
 */
final class DeflatingOutputStream extends DeflaterOutputStream {
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    private static final int LEVEL = 6;

    private final boolean gzip;
    private final CRC32 crc = new CRC32();
    private boolean finished;

    DeflatingOutputStream(OutputStream out, boolean gzip, int bufferSize) throws IOException {
        super(out, new Deflater(LEVEL, gzip), bufferSize);
        this.gzip = gzip;
        if (gzip) {
            out.write(GZIP_HEADER);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        super.write(b, off, len);
        if (gzip) {
            crc.update(b, off, len);
        }
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        super.finish();
        if (gzip) {
            writeLittleEndianInt(crc.getValue());
            writeLittleEndianInt(def.getBytesRead());
        }
        finished = true;
    }

    private void writeLittleEndianInt(long value) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            def.end();
        }
    }
}
