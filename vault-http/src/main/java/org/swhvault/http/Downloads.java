package org.swhvault.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.swhvault.core.OpenBundle;
import org.swhvault.core.Vault;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

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

    void send(Exchange exchange, Reply reply, BundleType type, Swhid swhid) throws IOException {
        Optional<URI> url = vault.downloadUrl(type, swhid, urlValidity);
        if (url.isPresent()) {
            reply.redirect(url.get().toString());
            return;
        }
        BundleKey key = new BundleKey(type, swhid);
        reply.headers().set("Content-Type", type.mediaType());
        reply.headers().set("Content-Disposition", "attachment; filename=\"" + key.fileName() + "\"");
        reply.headers().set("Accept-Ranges", "bytes");
        RangeRequest range;
        try (OpenBundle whole = vault.open(type, swhid)) {
            long size = whole.info().size();
            Optional<String> etag = whole.info().sha256().map(h -> "\"" + h + "\"");
            etag.ifPresent(e -> reply.headers().set("ETag", e));
            range = rangeAsked(exchange, etag, size);
            if (range instanceof RangeRequest.Whole) {
                reply.stream(200, whole.stream(), size);
                return;
            }
            if (range instanceof RangeRequest.Unsatisfiable) {
                reply.headers().remove("Content-Disposition");
                throw ApiError.rangeNotSatisfiable(size);
            }
        }
        RangeRequest.Part part = (RangeRequest.Part) range;
        try (OpenBundle open = vault.open(type, swhid, part.start(), part.length())) {
            // the bundle may have been cooked again in between: describe what is actually sent
            reply.headers().set("Content-Range", "bytes " + open.offset() + "-" + (open.offset() + open.length() - 1)
                    + "/" + open.info().size());
            reply.stream(206, open.stream(), open.length());
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
