package org.swhvault.http;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import org.swhvault.core.Vault;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.ObjectType;

/**
 * What {@code GET /api/1/vault/} answers: the bundle types this server cooks, of which objects, up to which size;
 * the rate limits of the caller and what is left of them (reading this takes nothing from them); who the caller
 * is, when it sent a credential; the credentials accepted; and the archive this server mirrors. The web page
 * reads it. Stateless.
 */
final class ServerDescription {
    private ServerDescription() {
    }

    static JsonBody of(Vault vault, Set<BundleType> served, Caller caller, Authenticator auth,
            Optional<String> mirrorOf) {
        return JsonBody.of(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("bundle_types");
            for (BundleType type : BundleType.values()) {
                Set<ObjectType> objects = vault.objectTypes(type);
                if (!served.contains(type) || objects.isEmpty()) {
                    continue;
                }
                json.writeStartObject();
                json.writeStringField("type", type.apiName());
                json.writeArrayFieldStart("object_types");
                for (ObjectType object : objects) {
                    json.writeString(object.tag());
                }
                json.writeEndArray();
                json.writeArrayFieldStart("compressions");
                for (BundleCompression compression : vault.compressions(type)) {
                    json.writeString(compression.apiName());
                }
                json.writeEndArray();
                long max = vault.maxBundleSize(type);
                writeNumberOrNull(json, "max_bundle_size", max == Long.MAX_VALUE ? null : max);
                json.writeEndObject();
            }
            json.writeEndArray();
            limit(json, "rate_limit", caller.limiter(), caller.key());
            limit(json, "cook_rate_limit", caller.cookLimiter(), caller.key());
            json.writeStringField("authenticated_as", caller.name().orElse(null));
            json.writeObjectFieldStart("authentication");
            json.writeBooleanField("api_tokens", auth.acceptsTokens());
            json.writeStringField("oidc_issuer", auth.oidcIssuer().map(Object::toString).orElse(null));
            json.writeEndObject();
            json.writeStringField("mirror_of", mirrorOf.orElse(null));
            json.writeEndObject();
        });
    }

    /** {@code {"limit": N, "period": SECONDS, "remaining": N, "reset": EPOCH_SECONDS}}, or null for no limit. */
    private static void limit(JsonGenerator json, String field, Optional<RateLimiter> limiter, Object key)
            throws IOException {
        if (limiter.isEmpty()) {
            json.writeNullField(field);
            return;
        }
        RateLimiter.Decision left = limiter.get().peek(key);
        json.writeObjectFieldStart(field);
        json.writeNumberField("limit", left.limit());
        json.writeNumberField("period", limiter.get().limit().period().toSeconds());
        json.writeNumberField("remaining", left.remaining());
        json.writeNumberField("reset", System.currentTimeMillis() / 1000 + left.resetSeconds());
        json.writeEndObject();
    }

    static void writeNumberOrNull(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
