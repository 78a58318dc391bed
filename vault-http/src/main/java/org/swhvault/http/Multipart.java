package org.swhvault.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one text field of a {@code multipart/form-data} body (RFC 7578), what {@code curl -F email=…}
 * sends. Only what a cooking request needs: no files, no nested parts. Stateless.
 */
final class Multipart {
    private Multipart() {
    }

    /**
     * Returns the boundary parameter of a {@code Content-Type}.
     *
     * @param contentType the header value
     * @return the boundary, or null if there is none
     */
    static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    /**
     * Returns the value of the first part named {@code name}, decoded as UTF-8.
     *
     * @param body the body
     * @param boundary the boundary, or null
     * @param name the field name
     * @return the value, or empty if absent or if the body is not well-formed
     */
    static Optional<String> field(byte[] body, String boundary, String name) {
        if (boundary == null || boundary.isEmpty()) {
            return Optional.empty();
        }
        // ISO-8859-1 maps bytes to chars one to one, so offsets found in the text are byte offsets
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int headersStart = text.indexOf("\r\n", at);
            int next = text.indexOf("\r\n" + delimiter, at + delimiter.length());
            if (headersStart < 0 || next < 0) {
                return Optional.empty();
            }
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            if (headersEnd >= 0 && headersEnd < next && namesField(text.substring(headersStart, headersEnd), name)) {
                return Optional.of(new String(body, headersEnd + 4, next - headersEnd - 4, StandardCharsets.UTF_8));
            }
            at = next + 2;
        }
        return Optional.empty();
    }

    private static boolean namesField(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:") && lower.contains("form-data")
                    && (line.contains("name=\"" + name + "\"") || line.matches("(?i).*;\\s*name=" + name + "\\s*(;.*)?"))) {
                return true;
            }
        }
        return false;
    }
}
