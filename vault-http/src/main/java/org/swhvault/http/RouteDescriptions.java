package org.swhvault.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * What {@code OPTIONS} answers: a description of the route in the shape of Django REST framework's
 * metadata, which the reference's API views return ({@code name}, {@code description}, {@code renders},
 * {@code parses}), plus what each allowed method does.
 */
final class RouteDescriptions {
    private RouteDescriptions() {
    }

    static JsonBody of(Route route) {
        return JsonBody.of(json -> {
            json.writeStartObject();
            if (route instanceof Route.Cook c) {
                String type = c.type().apiName();
                describe(json, "Vault " + type + " bundle", "Request the cooking of a " + type + " bundle of an"
                        + " archived object, or read the status of the request.");
                methods(json, "GET", "The status of the request: id, status (new, pending, done, failed),"
                        + " progress_message and fetch_url.",
                        "HEAD", "As GET, without a body.",
                        "POST", "Request the bundle (idempotent); an optional email field or query parameter asks"
                                + " for a notification when it is ready.",
                        "OPTIONS", "This description.");
            } else if (route instanceof Route.Raw r) {
                describe(json, "Vault " + r.type().apiName() + " bundle download", "Download a cooked bundle.");
                methods(json, "GET", "The bundle (with Range support), or 302 Found to a signed URL when the store"
                        + " gives one.",
                        "HEAD", "As GET, without a body.",
                        "OPTIONS", "This description.");
            } else {
                describe(json, "Vault redirect", "A legacy path, answered with 302 Found to its current form.");
                methods(json, "GET", "302 Found to the current path.");
            }
            json.writeEndObject();
        });
    }

    private static void describe(JsonGenerator json, String name, String description) throws IOException {
        json.writeStringField("name", name);
        json.writeStringField("description", description);
        json.writeArrayFieldStart("renders");
        json.writeString("application/json");
        json.writeString("text/html");
        json.writeEndArray();
        json.writeArrayFieldStart("parses");
        json.writeString("application/x-www-form-urlencoded");
        json.writeString("multipart/form-data");
        json.writeEndArray();
    }

    /** Writes {@code "methods": {METHOD: what it does, …}} from pairs. */
    private static void methods(JsonGenerator json, String... pairs) throws IOException {
        json.writeObjectFieldStart("methods");
        for (int i = 0; i < pairs.length; i += 2) {
            json.writeStringField(pairs[i], pairs[i + 1]);
        }
        json.writeEndObject();
    }
}
