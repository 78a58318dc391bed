package org.swhvault.source.swhrpc;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.DirectoryEntries;
import org.swhvault.spi.model.EntryType;

/**
 * The entries of a directory's raw manifest ({@code tree <length> NUL} then {@code mode SP name NUL id} per
 * entry), in the manifest's order and with its names, duplicates included: what the directory's id was computed
 * from, and what the git source reads for the same tree. swh-storage's own entries of such a directory may
 * differ (swh-model renames duplicates).
 */
final class TreeManifest {
    private static final byte[] HEADER = {'t', 'r', 'e', 'e', ' '};

    private TreeManifest() {
    }

    /**
     * Parses a raw manifest.
     *
     * @param raw the git object, header included
     * @return its entries
     * @throws IllegalArgumentException if {@code raw} is not a git tree object
     */
    static DirectoryEntries entries(Bytes raw) {
        byte[] b = raw.toByteArray();
        int p = HEADER.length;
        for (int i = 0; i < HEADER.length; i++) {
            if (i >= b.length || b[i] != HEADER[i]) {
                throw new IllegalArgumentException("the raw manifest is not a tree object");
            }
        }
        long length = 0;
        while (p < b.length && b[p] >= '0' && b[p] <= '9' && length < Integer.MAX_VALUE) {
            length = length * 10 + (b[p++] - '0');
        }
        if (p >= b.length || b[p] != 0 || length != b.length - p - 1) {
            throw new IllegalArgumentException("the raw manifest's header does not give its length");
        }
        DirectoryEntries.Builder entries = DirectoryEntries.builder(0, 0);
        p++;
        while (p < b.length) {
            int start = p;
            int mode = 0;
            while (p < b.length && b[p] != ' ') {
                if (b[p] < '0' || b[p] > '7' || mode > 07777777) {
                    throw new IllegalArgumentException("a raw manifest entry at byte " + start + " has a bad mode");
                }
                mode = mode * 8 + (b[p++] - '0');
            }
            int nameStart = ++p;
            while (p < b.length && b[p] != 0) {
                p++;
            }
            if (nameStart - 1 == start || p + 21 > b.length) {
                throw new IllegalArgumentException("a raw manifest entry at byte " + start + " is cut short");
            }
            entries.add(b, nameStart, p - nameStart, type(mode), mode, b, p + 1);
            p += 21;
        }
        return entries.build();
    }

    /** As git reads a mode: gitlinks and directories by their type bits, anything else a file. */
    private static EntryType type(int mode) {
        return switch (mode & 0170000) {
            case 0160000 -> EntryType.REV;
            case 0040000 -> EntryType.DIR;
            default -> EntryType.FILE;
        };
    }
}
