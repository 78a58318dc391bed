package org.swhvault.core.source.git.internal;

import java.util.Optional;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.DirectoryEntries;
import org.swhvault.spi.model.EntryType;
import org.swhvault.spi.model.ObjectId;

/**
 * Parses git tree bodies. While parsing it checks that the tree is exactly what the canonical form
 * writes and that the model accepts it (modes without leading zeros; entries strictly in git order;
 * unique, non-empty names without {@code /}). A tree that is not keeps its original bytes as raw
 * manifest, so the canonical serialisation is never needed here.
 */
public final class TreeParser {
    private static final int TYPE_MASK = 0170000;
    private static final int MAX_MODE = 07777777;

    private TreeParser() {
    }

    /**
     * Parses a tree.
     *
     * @param id the tree's id
     * @param body the object body, without header
     * @return the directory
     * @throws CorruptObjectBodyException if the body is not a sequence of {@code mode SP name NUL id}
     */
    public static Directory parse(ObjectId id, byte[] body) {
        int[] counts = count(body);
        DirectoryEntries.Builder entries = DirectoryEntries.builder(counts[0], counts[1]);
        // Where each name lies in the body, to look back at earlier names without building them.
        int[] nameStarts = new int[counts[0]];
        int[] nameLengths = new int[counts[0]];
        int n = 0;
        boolean canonical = true;
        boolean prevDir = false;
        int p = 0;
        while (p < body.length) {
            int modeStart = p;
            int mode = 0;
            while (p < body.length && body[p] != ' ') {
                int d = body[p] - '0';
                if (d < 0 || d > 7 || mode > MAX_MODE) {
                    throw new CorruptObjectBodyException("malformed mode in tree entry at byte " + modeStart);
                }
                mode = mode * 8 + d;
                p++;
            }
            if (p == modeStart || p == body.length) {
                throw new CorruptObjectBodyException("truncated tree entry at byte " + modeStart);
            }
            if (body[modeStart] == '0' && p - modeStart > 1) {
                canonical = false;
            }
            int nameStart = ++p;
            while (p < body.length && body[p] != 0) {
                if (body[p] == '/') {
                    canonical = false;
                }
                p++;
            }
            if (p + 1 + ObjectId.LENGTH > body.length) {
                throw new CorruptObjectBodyException("truncated tree entry at byte " + modeStart);
            }
            int nameLength = p - nameStart;
            if (nameLength == 0) {
                canonical = false;
            }
            int target = p + 1;
            p += 1 + ObjectId.LENGTH;

            EntryType type = typeOf(mode);
            boolean dir = type == EntryType.DIR;
            if (n > 0 && compare(body, nameStarts[n - 1], nameLengths[n - 1], prevDir, nameStart, nameLength, dir) >= 0) {
                canonical = false;
            } else if (dir && canonical && shadowsFile(body, nameStarts, nameLengths, n, nameStart, nameLength)) {
                canonical = false;
            }
            entries.add(body, nameStart, nameLength, type, mode, body, target);
            nameStarts[n] = nameStart;
            nameLengths[n] = nameLength;
            n++;
            prevDir = dir;
        }
        Optional<Bytes> raw = canonical ? Optional.empty() : Optional.of(GitObjects.withHeader("tree", body));
        return new Directory(id, entries.build(), raw);
    }

    /**
     * Returns how many entries a well-formed tree body holds and how many bytes their names take, so
     * that the entries are packed without growing arrays; a malformed body is reported by the parse.
     */
    private static int[] count(byte[] body) {
        int entries = 0;
        int nameBytes = 0;
        int p = 0;
        while (p < body.length) {
            while (p < body.length && body[p] != ' ') {
                p++;
            }
            int nameStart = ++p;
            while (p < body.length && body[p] != 0) {
                p++;
            }
            if (p + 1 + ObjectId.LENGTH > body.length) {
                break;
            }
            nameBytes += p - nameStart;
            entries++;
            p += 1 + ObjectId.LENGTH;
        }
        return new int[] {entries, nameBytes};
    }

    /** Maps a mode to an entry type as git does ({@code S_ISGITLINK}, {@code S_ISDIR}). */
    static EntryType typeOf(int mode) {
        return switch (mode & TYPE_MASK) {
            case 0160000 -> EntryType.REV;
            case 0040000 -> EntryType.DIR;
            default -> EntryType.FILE;
        };
    }

    /**
     * Returns whether a file entry with the same name as this directory came earlier: in git order
     * {@code a} and {@code a/} need not be neighbours ({@code a}, {@code a.txt}, {@code a/}).
     */
    private static boolean shadowsFile(byte[] body, int[] nameStarts, int[] nameLengths, int count, int nameStart,
            int nameLength) {
        for (int i = count - 1; i >= 0; i--) {
            int start = nameStarts[i];
            int length = nameLengths[i];
            if (length < nameLength) {
                return false;
            }
            for (int k = 0; k < nameLength; k++) {
                if (body[start + k] != body[nameStart + k]) {
                    return false;
                }
            }
            if (length == nameLength) {
                return true;
            }
            if ((body[start + nameLength] & 0xff) >= '/') {
                return false;
            }
        }
        return false;
    }

    /** Compares two names in git tree order: unsigned bytes, a directory's name followed by '/'. */
    static int compare(byte[] buf, int a, int aLength, boolean aDir, int b, int bLength, boolean bDir) {
        int aKey = aLength + (aDir ? 1 : 0);
        int bKey = bLength + (bDir ? 1 : 0);
        int n = Math.min(aKey, bKey);
        for (int i = 0; i < n; i++) {
            int ca = i < aLength ? buf[a + i] & 0xff : '/';
            int cb = i < bLength ? buf[b + i] & 0xff : '/';
            if (ca != cb) {
                return ca - cb;
            }
        }
        return aKey - bKey;
    }
}
