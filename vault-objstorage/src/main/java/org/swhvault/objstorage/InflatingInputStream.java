package org.swhvault.objstorage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one gzip member or one zlib stream as zlib's {@code inflate} with {@code wbits} 31 or 15 does, and
 * then insists on the end of the input, as swh-objstorage does ({@code unused_data} is corruption). The JDK's
 * {@code GZIPInputStream} would read on into further members and ignore some trailing garbage.
 */
final class InflatingInputStream extends BulkInputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private final InputStream in;
    private final boolean gzip;
    private final Inflater inflater;
    private final byte[] input = new byte[64 * 1024];
    private final CRC32 crc = new CRC32();
    private int position;
    private int limit;
    private boolean ended;

    InflatingInputStream(InputStream in, boolean gzip) throws IOException {
        this.in = in;
        this.gzip = gzip;
        this.inflater = new Inflater(gzip);
        if (gzip) {
            readHeader();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new IOException("invalid deflate data (" + e.getMessage() + ")", e);
            }
            position = limit - inflater.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                finish();
                return -1;
            }
            if (inflater.needsDictionary()) {
                throw new IOException("the zlib stream needs a preset dictionary");
            }
            if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("truncated: the input ends inside the compressed data");
                }
                inflater.setInput(input, position, limit - position);
            }
        }
    }

    /** Checks the gzip trailer and that nothing follows the stream. */
    private void finish() throws IOException {
        if (gzip) {
            long expectedCrc = readLittleEndianInt();
            long expectedSize = readLittleEndianInt();
            if (expectedCrc != crc.getValue()) {
                throw new IOException("the gzip trailer's CRC-32 does not match the data");
            }
            if (expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
                throw new IOException("the gzip trailer's length does not match the data");
            }
        }
        if (position < limit || fill()) {
            throw new IOException("bytes follow the end of the " + (gzip ? "gzip" : "zlib") + " stream");
        }
        ended = true;
    }

    private void readHeader() throws IOException {
        CRC32 headerCrc = new CRC32();
        byte[] fixed = new byte[10];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = (byte) nextByte("its header");
        }
        headerCrc.update(fixed);
        if ((fixed[0] & 0xff) != 0x1f || (fixed[1] & 0xff) != 0x8b) {
            throw new IOException("not gzip data (no gzip magic number)");
        }
        if (fixed[2] != 8) {
            throw new IOException("unknown gzip compression method " + (fixed[2] & 0xff));
        }
        int flags = fixed[3] & 0xff;
        if ((flags & RESERVED) != 0) {
            throw new IOException("unknown gzip header flags set");
        }
        if ((flags & FEXTRA) != 0) {
            int lo = nextByte("its header");
            int hi = nextByte("its header");
            headerCrc.update(lo);
            headerCrc.update(hi);
            for (int n = lo | hi << 8; n > 0; n--) {
                headerCrc.update(nextByte("its header"));
            }
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) != 0) {
                int c;
                do {
                    c = nextByte("its header");
                    headerCrc.update(c);
                } while (c != 0);
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = nextByte("its header") | nextByte("its header") << 8;
            if (expected != (int) (headerCrc.getValue() & 0xffff)) {
                throw new IOException("the gzip header's CRC does not match");
            }
        }
        inflater.setInput(input, position, limit - position);
    }

    private long readLittleEndianInt() throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) nextByte("its trailer") << (8 * i);
        }
        return value;
    }

    private int nextByte(String part) throws IOException {
        if (position == limit && !fill()) {
            throw new EOFException("truncated: the input ends inside " + part);
        }
        return input[position++] & 0xff;
    }

    /** Refills the input buffer once it is consumed; false at the end of the input. */
    private boolean fill() throws IOException {
        int n = in.read(input, 0, input.length);
        if (n <= 0) {
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
