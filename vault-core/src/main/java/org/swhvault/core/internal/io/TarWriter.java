package org.swhvault.core.internal.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;

import static java.util.Objects.requireNonNull;

/**
 * Writes a reproducible POSIX (pax) tar archive, entries in the caller's order: every entry has
 * mtime {@link #MTIME}, uid and gid 0 and empty user and group names, so the bytes depend only on
 * the names, modes and contents given.
 *
 * <p>Names and link targets are raw bytes, not always UTF-8. commons-compress encodes entry names
 * with its {@code ZipEncoding}; with ISO-8859-1 every byte maps to one char and back, so the
 * ustar header fields hold the exact bytes. Its own pax records, however, are always UTF-8
 * encoded from a {@code String}, which cannot carry bytes that are not UTF-8. So we turn its pax
 * support off (truncating long names, which is harmless as explained next) and write the pax
 * extended header ourselves as a plain {@code x} entry whose {@code path}/{@code linkpath} values
 * are the raw bytes. We add one when a name or target is 100 bytes or longer, holds a byte outside
 * printable ASCII, or a backslash (commons-compress rewrites the separator char on Windows); pax
 * values then override the ustar fields. GNU tar (1.34, any locale) and Python's tarfile extract
 * such names byte for byte. We do not add {@code hdrcharset=BINARY}: POSIX defines it for exactly
 * this case, but GNU tar warns that it ignores it and does the right thing without it.
 *
 * <p>Not thread-safe. {@link #finish()} ends the archive without closing the underlying stream.
 */
public final class TarWriter {
    /**
     * The modification time of every entry: 2000-01-01T00:00:00Z. Not 0, because tools refuse
     * files dated before 1980 (zip, hence Python wheels and jars built from an extracted tree), and
     * after 1980 in every time zone.
     */
    public static final long MTIME = 946_684_800L;

    private static final FileTime MTIME_FILE_TIME = FileTime.from(Instant.ofEpochSecond(MTIME));
    private static final int NAME_FIELD = 100;
    private static final long MAX_USTAR_SIZE = 077777777777L;

    private final TarArchiveOutputStream tar;
    private final byte[] buffer = new byte[64 * 1024];

    /**
     * Creates a writer.
     *
     * @param out where the archive goes; never closed by this writer
     */
    public TarWriter(OutputStream out) {
        tar = new TarArchiveOutputStream(requireNonNull(out, "out is null"), "ISO-8859-1");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_TRUNCATE);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
        tar.setAddPaxHeadersForNonAsciiNames(false);
    }

    /** Adds a directory with mode 0755; {@code path} has no trailing slash. */
    public void directory(Bytes path) throws IOException {
        directory(path, 0755);
    }

    /** Adds a directory; {@code path} has no trailing slash. */
    public void directory(Bytes path, int mode) throws IOException {
        checkPath(path);
        Bytes name = Bytes.wrap(concat(path.toByteArray(), new byte[] {'/'}));
        put(name, null, TarConstants.LF_DIR, mode, 0);
        tar.closeArchiveEntry();
    }

    /** Adds a regular file holding {@code content}. */
    public void file(Bytes path, int mode, byte[] content) throws IOException {
        file(path, mode, content.length, new ByteArrayInputStream(content));
    }

    /**
     * Adds a regular file whose content is the next {@code size} bytes of {@code content}, which
     * must then be at its end. Does not close {@code content}.
     *
     * @throws IOException if {@code content} is shorter or longer than {@code size}, or I/O fails
     */
    public void file(Bytes path, int mode, long size, InputStream content) throws IOException {
        checkPath(path);
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        put(path, null, TarConstants.LF_NORMAL, mode, size);
        long left = size;
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("The content of " + path + " ended after " + (size - left)
                        + " bytes, expected " + size);
            }
            tar.write(buffer, 0, n);
            left -= n;
        }
        if (content.read() >= 0) {
            throw new IOException("The content of " + path + " is longer than the expected " + size + " bytes");
        }
        tar.closeArchiveEntry();
    }

    /** Adds a symbolic link with mode 0777 pointing at {@code target} (raw bytes, no NUL). */
    public void symlink(Bytes path, Bytes target) throws IOException {
        checkPath(path);
        if (target.contains((byte) 0)) {
            throw new VaultException(ErrorCode.CORRUPT_OBJECT,
                    "Cannot write the symbolic link " + path + " to a tar archive: its target contains a NUL byte.");
        }
        put(path, target, TarConstants.LF_SYMLINK, 0777, 0);
        tar.closeArchiveEntry();
    }

    /** Ends the archive (two zero blocks) without closing the stream. */
    public void finish() throws IOException {
        tar.finish();
    }

    /** Returns how many bytes were written to the underlying stream so far. */
    public long bytesWritten() {
        return tar.getBytesWritten();
    }

    private void put(Bytes name, Bytes linkTarget, byte type, int mode, long size) throws IOException {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode must be permission bits only: " + Integer.toOctalString(mode));
        }
        ByteArrayOutputStream pax = new ByteArrayOutputStream();
        if (needsPax(name)) {
            paxRecord(pax, "path", name.toByteArray());
        }
        if (linkTarget != null && needsPax(linkTarget)) {
            paxRecord(pax, "linkpath", linkTarget.toByteArray());
        }
        if (size > MAX_USTAR_SIZE) {
            paxRecord(pax, "size", Long.toString(size).getBytes(StandardCharsets.US_ASCII));
        }
        if (pax.size() > 0) {
            TarArchiveEntry header = entry(paxHeaderName(name), TarConstants.LF_PAX_EXTENDED_HEADER_LC, 0644);
            header.setSize(pax.size());
            tar.putArchiveEntry(header);
            pax.writeTo(tar);
            tar.closeArchiveEntry();
        }
        String field = ustarField(name);
        if (type != TarConstants.LF_DIR && field.endsWith("/")) {
            // A long name cut after a '/' would make commons-compress take the member for a directory
            // (and refuse its content); the pax path holds the real name anyway.
            field = field.substring(0, field.length() - 1) + "_";
        }
        TarArchiveEntry entry = entry(field, type, mode);
        if (linkTarget != null) {
            entry.setLinkName(ustarField(linkTarget));
        }
        entry.setSize(size);
        tar.putArchiveEntry(entry);
    }

    private static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setIds(0, 0);
        e.setUserName("");
        e.setGroupName("");
        e.setLastModifiedTime(MTIME_FILE_TIME);
        return e;
    }

    private static boolean needsPax(Bytes name) {
        if (name.length() >= NAME_FIELD) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            byte b = name.byteAt(i);
            if (b < 0x20 || b > 0x7e || b == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The ustar field text: bytes as ISO-8859-1 chars, backslashes replaced (the pax record has them). */
    private static String ustarField(Bytes name) {
        int n = Math.min(name.length(), NAME_FIELD);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            char c = (char) (name.byteAt(i) & 0xff);
            chars[i] = c == '\\' ? '_' : c;
        }
        return new String(chars);
    }

    /** GNU tar's default pax header name, {@code %d/PaxHeaders/%f}, in printable ASCII. */
    private static String paxHeaderName(Bytes name) {
        String text = ascii(name);
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        int slash = text.lastIndexOf('/');
        String result = slash < 0 ? "PaxHeaders/" + text
                : text.substring(0, slash) + "/PaxHeaders/" + text.substring(slash + 1);
        return result.length() < NAME_FIELD ? result : result.substring(result.length() - (NAME_FIELD - 1));
    }

    private static String ascii(Bytes name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            byte b = name.byteAt(i);
            sb.append(b >= 0x20 && b <= 0x7e && b != '\\' ? (char) b : '_');
        }
        return sb.toString();
    }

    /** Appends one pax record, {@code "<length> <key>=<value>\n"}, the length counting itself. */
    private static void paxRecord(ByteArrayOutputStream out, String key, byte[] value) {
        int rest = 1 + key.length() + 1 + value.length + 1;
        int length = rest + 1;
        while (Integer.toString(length).length() + rest != length) {
            length = Integer.toString(length).length() + rest;
        }
        out.writeBytes((length + " " + key + "=").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.write('\n');
    }

    private static void checkPath(Bytes path) {
        String problem = pathProblem(path);
        if (problem != null) {
            throw new VaultException(ErrorCode.CORRUPT_OBJECT,
                    "Cannot write the path '" + path + "' to a tar archive: " + problem + ".");
        }
    }

    private static String pathProblem(Bytes path) {
        if (path.isEmpty()) {
            return "it is empty";
        }
        if (path.contains((byte) 0)) {
            return "it contains a NUL byte";
        }
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.byteAt(i) == '/') {
                int len = i - start;
                if (len == 0) {
                    return "it has an empty component (a leading, trailing or doubled '/')";
                }
                if ((len == 1 || len == 2) && path.byteAt(start) == '.' && path.byteAt(i - 1) == '.') {
                    return "it has a '.' or '..' component";
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
