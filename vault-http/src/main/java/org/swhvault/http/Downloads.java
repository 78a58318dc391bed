package org.swhvault.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.swhvault.core.Download;
import org.swhvault.core.OpenBundle;
import org.swhvault.core.Vault;
import org.swhvault.spi.store.BundleKey;

/**
 * Answers {@code /raw/}: a redirect to the store's signed URL when it has one, as the reference does;
 * otherwise the bundle's bytes, whole or one range of them, with the reference's file name and media type.
 */
final class Downloads {
    private final Vault vault;
    private final Duration urlValidity;

    Downloads(Vault vault, Duration urlValidity) {
        this.vault = vault;
        this.urlValidity = urlValidity;
    }

    /** Answers one download: one look at the request and the store, then a redirect or one opening of the bytes. */
    void send(Exchange exchange, Reply reply, BundleKey key) throws IOException {
        Download download = vault.download(key, urlValidity);
        if (download.url().isPresent()) {
            reply.redirect(download.url().get().toString());
            return;
        }
        reply.headers().set("Content-Type", key.mediaType());
        reply.headers().set("Content-Disposition", "attachment; filename=\"" + key.fileName() + "\"");
        reply.headers().set("Accept-Ranges", "bytes");
        long size = download.info().size();
        Optional<String> etag = download.info().sha256().map(h -> "\"" + h + "\"");
        etag.ifPresent(e -> reply.headers().set("ETag", e));
        RangeRequest range = rangeAsked(exchange, etag, size);
        if (range instanceof RangeRequest.Unsatisfiable) {
            reply.headers().remove("Content-Disposition");
            throw ApiError.rangeNotSatisfiable(size);
        }
        if (range instanceof RangeRequest.Part part) {
            try (OpenBundle open = download.open(part.start(), part.length())) {
                reply.headers().set("Content-Range", "bytes " + open.offset() + "-"
                        + (open.offset() + open.length() - 1) + "/" + size);
                reply.stream(206, open.stream(), open.length());
            }
            return;
        }
        try (OpenBundle whole = download.open()) {
            reply.stream(200, whole.stream(), size);
        }
    }

    /** The Range to honour: none when {@code If-Range} names another version of the bundle. */
    private static RangeRequest rangeAsked(Exchange exchange, Optional<String> etag, long size) {
        String range = exchange.requestHeader("Range");
        String ifRange = exchange.requestHeader("If-Range");
        if (range != null && ifRange != null && !etag.map(ifRange.strip()::equals).orElse(false)) {
            return new RangeRequest.Whole();
        }
        return RangeRequest.resolve(range, size);
    }
}
