package org.swhvault.http;

import java.util.Arrays;

/**
 * A growable byte buffer that writes small JSON documents as UTF-8, reused from request to request by
 * one thread so that answering a status request allocates little. Not thread-safe.
 */
final class JsonBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[512];
    private int length;

    /** Empties the buffer. */
    JsonBuffer reset() {
        length = 0;
        return this;
    }

    /** Appends ASCII text as it is: punctuation, keys, numbers. */
    JsonBuffer raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends a decimal number. */
    JsonBuffer number(long value) {
        return raw(Long.toString(value));
    }

    /** Appends {@code "key":}. The key must be plain ASCII needing no escape. */
    JsonBuffer key(String key) {
        return raw("\"").raw(key).raw("\":");
    }

    /** Appends a JSON string (quoted and escaped), or {@code null}. */
    JsonBuffer string(String value) {
        if (value == null) {
            return raw("null");
        }
        ensure(value.length() + 2);
        bytes[length++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                bytes[length++] = (byte) c;
            } else if (c == '"' || c == '\\') {
                ensure(2);
                bytes[length++] = '\\';
                bytes[length++] = (byte) c;
            } else if (c < 0x20 || c == 0x7f) {
                escape(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                utf8(Character.toCodePoint(c, value.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                escape(c); // an unpaired surrogate has no UTF-8 form; \\uXXXX keeps it visible
            } else {
                utf8(c);
            }
        }
        ensure(1);
        bytes[length++] = '"';
        return this;
    }

    /** Returns the internal array; only the first {@link #length()} bytes are the document. */
    byte[] array() {
        return bytes;
    }

    /** Returns how many bytes were written. */
    int length() {
        return length;
    }

    /** Returns a copy of the document. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void escape(char c) {
        ensure(6);
        bytes[length++] = '\\';
        switch (c) {
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = HEX[(c >> 12) & 0xf];
                bytes[length++] = HEX[(c >> 8) & 0xf];
                bytes[length++] = HEX[(c >> 4) & 0xf];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    private void utf8(int cp) {
        ensure(4);
        if (cp < 0x800) {
            bytes[length++] = (byte) (0xc0 | (cp >> 6));
        } else if (cp < 0x10000) {
            bytes[length++] = (byte) (0xe0 | (cp >> 12));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        } else {
            bytes[length++] = (byte) (0xf0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        }
        bytes[length++] = (byte) (0x80 | (cp & 0x3f));
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
