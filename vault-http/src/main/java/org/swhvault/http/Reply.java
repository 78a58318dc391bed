package org.swhvault.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * The answer to one exchange, written once, remembering its status and body size for the request log.
 * HEAD gets the headers GET would get, {@code Content-Length} included, and no body. Not thread-safe.
 */
final class Reply {
    static final String JSON = "application/json";
    /** What Django's {@code never_cache} sets, as the reference does on the cooking endpoints. */
    static final String NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private";

    private final Exchange exchange;
    private final boolean head;
    private int status;
    private long bytes;
    private Optional<String> user = Optional.empty();

    Reply(Exchange exchange) {
        this.exchange = exchange;
        this.head = "HEAD".equals(exchange.method());
    }

    /** Whether the status line went out (then no error can be answered any more). */
    boolean sent() {
        return status != 0;
    }

    int status() {
        return status;
    }

    long bytes() {
        return bytes;
    }

    /** Returns the name of the token or the user that sent the request, for the log; empty if anonymous. */
    Optional<String> user() {
        return user;
    }

    void user(Optional<String> name) {
        this.user = name;
    }

    HeaderFields headers() {
        return exchange.responseHeaders();
    }

    /** Sends a JSON document held in {@code json}. */
    void json(int code, JsonBody json) throws IOException {
        if (HtmlPage.wanted(exchange.requestHeader("Accept"))) {
            byte[] page = HtmlPage.of(code, code < 400 ? exchange.rawPath() : "Error " + code,
                    json.toByteArray());
            headers().set("Content-Type", "text/html; charset=utf-8");
            headers().add("Vary", "Accept");
            body(code, page, page.length);
            return;
        }
        headers().set("Content-Type", JSON);
        headers().add("Vary", "Accept");
        body(code, json.array(), json.length());
    }

    /** Sends the reference's error body, with the error's headers. */
    void error(ApiError error) throws IOException {
        for (Map.Entry<String, List<String>> h : error.headers().entrySet()) {
            headers().put(h.getKey(), h.getValue());
        }
        json(error.status(), error.json());
    }

    /** Sends {@code 302 Found} to a location, with an empty body. */
    void redirect(String location) throws IOException {
        headers().set("Location", location);
        empty(302);
    }

    /** Sends a status without a body. */
    void empty(int code) throws IOException {
        status = code;
        if (head && code != 204 && code != 304) {
            headers().set("Content-Length", "0"); // for HEAD the server leaves it to us
        }
        exchange.sendHeaders(code, -1);
    }

    /** Sends {@code length} bytes of {@code array}. */
    void body(int code, byte[] array, int length) throws IOException {
        status = code;
        if (head || length == 0) {
            headers().set("Content-Length", Integer.toString(length));
            exchange.sendHeaders(code, -1);
            return;
        }
        exchange.sendWhole(code, array, length);
        bytes = length;
    }

    /** Sends exactly {@code length} bytes read from {@code in}. */
    void stream(int code, InputStream in, long length) throws IOException {
        status = code;
        if (head || length == 0) {
            headers().set("Content-Length", Long.toString(length));
            exchange.sendHeaders(code, -1);
            return;
        }
        exchange.sendHeaders(code, length);
        OutputStream out = exchange.responseBody();
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("The bundle ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
            bytes += n;
        }
        out.close();
    }
}
