package org.swhvault.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The web page at {@code /}: request a bundle, follow it, download it. Its three files (HTML, script, style
 * sheet) are resources of this jar, read once; nothing is loaded from elsewhere, which the page's
 * {@code Content-Security-Policy} enforces. Answers carry an {@code ETag}, and a browser that has the file gets
 * 304. Immutable and thread-safe.
 */
final class WebPage {
    /** The page's own files, by path. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/static/vault.js", new String[] {"web/vault.js", "text/javascript; charset=utf-8"},
            "/static/vault.css", new String[] {"web/vault.css", "text/css; charset=utf-8"});
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'"
            + " data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Map<String, File> files;

    private record File(byte[] bytes, String type, String etag) {
    }

    WebPage() {
        java.util.HashMap<String, File> read = new java.util.HashMap<>();
        FILES.forEach((path, file) -> read.put(path, read(file[0], file[1])));
        this.files = Map.copyOf(read);
    }

    /** Whether a path is one of the page's files. */
    boolean serves(String rawPath) {
        return files.containsKey(rawPath);
    }

    /** Answers a request for one of the page's files. */
    void answer(Exchange exchange, Reply reply) throws IOException {
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw ApiError.methodNotAllowed(method, "GET, HEAD");
        }
        File file = files.get(exchange.rawPath());
        reply.headers().set("Content-Type", file.type());
        reply.headers().set("ETag", file.etag());
        reply.headers().set("Cache-Control", "no-cache");
        reply.headers().set("X-Content-Type-Options", "nosniff");
        reply.headers().set("Referrer-Policy", "no-referrer");
        if (file.type().startsWith("text/html")) {
            reply.headers().set("Content-Security-Policy", POLICY);
        }
        String known = exchange.requestHeader("If-None-Match");
        if (known != null && known.contains(file.etag())) {
            reply.empty(304);
            return;
        }
        reply.body(200, file.bytes(), file.bytes().length);
    }

    private static File read(String resource, String type) {
        try (InputStream in = WebPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the web page's " + resource);
            }
            byte[] bytes = in.readAllBytes();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new File(bytes, type, "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
