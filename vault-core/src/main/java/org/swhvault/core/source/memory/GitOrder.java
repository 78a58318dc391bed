package org.swhvault.core.source.memory;

import java.util.Comparator;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.DirectoryEntry;
import org.swhvault.spi.model.EntryType;

/** Git's tree order: names as unsigned bytes, a directory's name followed by {@code /}. */
final class GitOrder {
    static final Comparator<DirectoryEntry> ENTRIES = GitOrder::compare;

    private GitOrder() {
    }

    private static int compare(DirectoryEntry a, DirectoryEntry b) {
        Bytes an = a.name();
        Bytes bn = b.name();
        int aKey = an.length() + (a.type() == EntryType.DIR ? 1 : 0);
        int bKey = bn.length() + (b.type() == EntryType.DIR ? 1 : 0);
        int n = Math.min(aKey, bKey);
        for (int i = 0; i < n; i++) {
            int ca = i < an.length() ? an.byteAt(i) & 0xff : '/';
            int cb = i < bn.length() ? bn.byteAt(i) & 0xff : '/';
            if (ca != cb) {
                return ca - cb;
            }
        }
        return aKey - bKey;
    }
}
