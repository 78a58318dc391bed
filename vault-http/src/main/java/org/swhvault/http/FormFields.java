package org.swhvault.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a field of an {@code application/x-www-form-urlencoded} text: a POST body or a query string
 * ({@code +} is a space, {@code %XX} escapes are UTF-8). A malformed escape leaves the field's text as it
 * is rather than failing the request, as Django does. Stateless.
 */
final class FormFields {
    private FormFields() {
    }

    /**
     * Returns the first value of a field.
     *
     * @param encoded the form text, or null
     * @param name the field name
     * @return the decoded value, or empty if the field is absent
     */
    static Optional<String> first(String encoded, String name) {
        if (encoded == null || encoded.isEmpty()) {
            return Optional.empty();
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            int eq = encoded.indexOf('=', start);
            int keyEnd = eq >= 0 && eq < end ? eq : end;
            if (decode(encoded.substring(start, keyEnd)).equals(name)) {
                return Optional.of(keyEnd == end ? "" : decode(encoded.substring(keyEnd + 1, end)));
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
