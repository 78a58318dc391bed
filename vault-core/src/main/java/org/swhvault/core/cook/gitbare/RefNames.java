package org.swhvault.core.cook.gitbare;

import java.nio.charset.StandardCharsets;

import org.swhvault.spi.model.Bytes;

/** Git reference names: validity as {@code git check-ref-format} decides it, and display. */
final class RefNames {
    static final Bytes HEAD = Bytes.utf8("HEAD");
    static final Bytes MASTER = Bytes.utf8("refs/heads/master");
    private static final Bytes REFS = Bytes.utf8("refs/");
    private static final byte[] HEADS = "refs/heads/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAGS = "refs/tags/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOCK = ".lock".getBytes(StandardCharsets.US_ASCII);

    private RefNames() {
    }

    /**
     * Returns the reference a snapshot branch becomes: its own name when it starts with
     * {@code refs/}; else (non-git origins name branches {@code trunk} or {@code releases/1.0})
     * {@code refs/heads/<name>} for a branch to a revision and {@code refs/tags/<name>} for any other,
     * since git wants branches to be commits. Null when that is not a valid reference name.
     *
     * @param branch the branch name
     * @param revision whether the branch (through its aliases) points to a revision
     */
    static Bytes forBranch(Bytes branch, boolean revision) {
        Bytes name = branch.startsWith(REFS) ? branch : concat(revision ? HEADS : TAGS, branch);
        return isValid(name) ? name : null;
    }

    /**
     * Returns whether {@code name} is a valid full reference name, by the rules of git's
     * {@code check_refname_format} without options: at least two components separated by single
     * slashes, none empty, none starting with {@code .} or ending with {@code .lock}; no {@code ..},
     * no {@code @{}, not ending with {@code .}, not {@code @}; no control character, space,
     * {@code ~ ^ : ? * [ \}, or NUL. Bytes above 0x7f are allowed, as git allows them.
     */
    static boolean isValid(Bytes name) {
        int n = name.length();
        if (n == 0 || (n == 1 && name.byteAt(0) == '@') || name.byteAt(n - 1) == '.') {
            return false;
        }
        int components = 0;
        int start = 0;
        byte last = 0;
        for (int i = 0; i <= n; i++) {
            byte b = i == n ? (byte) '/' : name.byteAt(i);
            if (b == '/') {
                if (i == start || name.byteAt(start) == '.' || endsWithLock(name, start, i)) {
                    return false;
                }
                components++;
                start = i + 1;
            } else if ((b >= 0 && b < 0x20) || b == 0x7f || b == ' ' || b == '~' || b == '^' || b == ':'
                    || b == '?' || b == '*' || b == '[' || b == '\\') {
                return false;
            } else if ((b == '.' && last == '.') || (b == '{' && last == '@')) {
                return false;
            }
            last = b;
        }
        return components >= 2;
    }

    private static boolean endsWithLock(Bytes name, int start, int end) {
        if (end - start < LOCK.length) {
            return false;
        }
        for (int i = 0; i < LOCK.length; i++) {
            if (name.byteAt(end - LOCK.length + i) != LOCK[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code prefix} followed by {@code name}. */
    static Bytes concat(byte[] prefix, Bytes name) {
        byte[] out = new byte[prefix.length + name.length()];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        byte[] rest = name.toByteArray();
        System.arraycopy(rest, 0, out, prefix.length, rest.length);
        return Bytes.of(out);
    }
}
