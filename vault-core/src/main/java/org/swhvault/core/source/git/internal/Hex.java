package org.swhvault.core.source.git.internal;

import org.swhvault.spi.model.ObjectId;

/** Decodes lowercase hex ids straight from object bytes. */
final class Hex {
    private Hex() {
    }

    /** Returns the id spelled by 40 lowercase hex digits at {@code offset}, or null if they are not. */
    static ObjectId parse(byte[] buf, int offset) {
        if (offset + ObjectId.HEX_LENGTH > buf.length) {
            return null;
        }
        byte[] raw = new byte[ObjectId.LENGTH];
        for (int i = 0; i < ObjectId.LENGTH; i++) {
            int hi = digit(buf[offset + 2 * i]);
            int lo = digit(buf[offset + 2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return null;
            }
            raw[i] = (byte) (hi << 4 | lo);
        }
        return ObjectId.of(raw);
    }

    private static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
