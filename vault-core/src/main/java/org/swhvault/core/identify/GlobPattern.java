package org.swhvault.core.identify;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/**
 * A shell glob with Python {@code fnmatch} semantics, as {@code swh identify --exclude} uses: {@code *}
 * matches any run of characters including {@code /}, {@code ?} one character, {@code [abc]},
 * {@code [a-z]} and {@code [!abc]} sets; the whole string must match; case-sensitive.
 */
final class GlobPattern {
    private final String glob;
    private final Pattern regex;

    GlobPattern(String glob) {
        this.glob = glob;
        try {
            this.regex = Pattern.compile(translate(glob), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "invalid exclusion pattern '" + glob + "': "
                    + e.getDescription());
        }
    }

    boolean matches(CharSequence path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    static String translate(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    re.append(characterClass(glob.substring(i, j)));
                    i = j + 1;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static String characterClass(String set) {
        StringBuilder cls = new StringBuilder("[");
        int start = 0;
        if (set.startsWith("!")) {
            cls.append('^');
            start = 1;
        }
        for (int k = start; k < set.length(); k++) {
            char c = set.charAt(k);
            boolean range = c == '-' && k > start && k < set.length() - 1;
            if (range) {
                cls.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                cls.append(c);
            } else {
                cls.append('\\').append(c);
            }
        }
        return cls.append(']').toString();
    }
}
