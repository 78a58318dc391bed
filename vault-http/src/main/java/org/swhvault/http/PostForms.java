package org.swhvault.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;


/**
 * Reads the {@code email} a cooking request may carry, where the reference reads it: the POST form
 * ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}) first, then the query string.
 * Bodies over {@value #MAX_BODY} bytes are refused. Stateless.
 */
final class PostForms {
    static final int MAX_BODY = 64 * 1024;

    /**
     * Returns the address to notify, if the request gives a non-blank one.
     *
     * @param exchange the POST exchange; its body is consumed
     * @return the address
     * @throws IOException if reading the body fails
     * @throws ApiError 413 if the body is too large
     */
    Optional<String> email(Exchange exchange) throws IOException {
        String type = exchange.requestHeader("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        Optional<String> email = Optional.empty();
        if (lower.startsWith("application/x-www-form-urlencoded")) {
            email = FormFields.first(new String(body(exchange), StandardCharsets.UTF_8), "email");
        } else if (lower.startsWith("multipart/form-data")) {
            email = Multipart.field(body(exchange), Multipart.boundary(type), "email");
        }
        if (email.isEmpty()) {
            email = FormFields.first(exchange.rawQuery(), "email");
        }
        return email.map(String::strip).filter(e -> !e.isEmpty());
    }

    private static byte[] body(Exchange exchange) throws IOException {
        try (InputStream in = exchange.requestBody()) {
            byte[] body;
            try {
                body = in.readNBytes(MAX_BODY + 1);
            } catch (IOException e) {
                // a body shorter than its Content-Length (the read timed out), or a malformed chunk
                throw ApiError.badInput("The request body could not be read: it is shorter than announced or"
                        + " malformed.");
            }
            if (body.length > MAX_BODY) {
                throw ApiError.payloadTooLarge("The request body is larger than " + MAX_BODY + " bytes.");
            }
            return body;
        }
    }
}
