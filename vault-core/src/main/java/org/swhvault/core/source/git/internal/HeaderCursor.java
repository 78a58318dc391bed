package org.swhvault.core.source.git.internal;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

/**
 * Walks the header lines of a commit or tag body in place: {@code key SP value LF}, where lines that
 * start with a space continue the previous header's value. Stops at the first empty line, which
 * starts the message.
 */
final class HeaderCursor {
    private final byte[] buf;
    private int pos;
    private int keyStart;
    private int keyEnd;
    private int valueStart;
    private int end;
    private boolean multiLine;
    private int messageStart = -1;

    HeaderCursor(byte[] buf) {
        this.buf = buf;
    }

    /** Moves to the next header; returns false at the blank line before the message or at the end. */
    boolean next() {
        if (pos >= buf.length) {
            return false;
        }
        if (buf[pos] == '\n') {
            messageStart = pos + 1;
            pos = buf.length;
            return false;
        }
        keyStart = pos;
        int lineEnd = lineEnd(pos);
        keyEnd = indexOf((byte) ' ', pos, lineEnd);
        valueStart = keyEnd < 0 ? lineEnd : keyEnd + 1;
        if (keyEnd < 0) {
            keyEnd = lineEnd;
        }
        multiLine = false;
        while (lineEnd + 1 < buf.length && buf[lineEnd + 1] == ' ') {
            multiLine = true;
            lineEnd = lineEnd(lineEnd + 1);
        }
        end = lineEnd;
        pos = lineEnd + 1;
        return true;
    }

    /** Returns whether the current header's key is {@code key} (ASCII). */
    boolean keyIs(String key) {
        if (keyEnd - keyStart != key.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (buf[keyStart + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the current header's value is exactly {@code value} (ASCII, one line). */
    boolean valueIs(String value) {
        if (multiLine || end - valueStart != value.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (buf[valueStart + i] != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    Bytes key() {
        return Bytes.of(buf, keyStart, keyEnd - keyStart);
    }

    /** Returns the value with continuation lines joined by LF, their leading space removed. */
    byte[] value() {
        if (!multiLine) {
            return java.util.Arrays.copyOfRange(buf, valueStart, Math.max(valueStart, end));
        }
        byte[] out = new byte[end - valueStart];
        int n = 0;
        for (int i = valueStart; i < end; i++) {
            out[n++] = buf[i];
            if (buf[i] == '\n') {
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Returns the value as an id if it is one line of exactly 40 lowercase hex digits, else null. */
    ObjectId hexValue() {
        if (multiLine || end - valueStart != ObjectId.HEX_LENGTH) {
            return null;
        }
        return Hex.parse(buf, valueStart);
    }

    /** Returns where the message starts, or -1 if the body has no blank line (no message). */
    int messageStart() {
        return messageStart;
    }

    private int lineEnd(int from) {
        int i = indexOf((byte) '\n', from, buf.length);
        return i < 0 ? buf.length : i;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
