package org.swhvault.http;

/**
 * What {@code OPTIONS} answers: a description of the route in the shape of Django REST framework's
 * metadata, which the reference's API views return ({@code name}, {@code description}, {@code renders},
 * {@code parses}), plus what each allowed method does.
 */
final class RouteDescriptions {
    private RouteDescriptions() {
    }

    static JsonBuffer of(Route route) {
        JsonBuffer json = new JsonBuffer().raw("{");
        if (route instanceof Route.Cook c) {
            String type = c.type().apiName();
            describe(json, "Vault " + type + " bundle", "Request the cooking of a " + type + " bundle of an"
                    + " archived object, or read the status of the request.");
            json.key("methods").raw("{").key("GET").string("The status of the request: id, status (new, pending,"
                    + " done, failed), progress_message and fetch_url.").raw(",")
                    .key("HEAD").string("As GET, without a body.").raw(",")
                    .key("POST").string("Request the bundle (idempotent); an optional email field or query"
                            + " parameter asks for a notification when it is ready.").raw(",")
                    .key("OPTIONS").string("This description.").raw("}");
        } else if (route instanceof Route.Raw r) {
            describe(json, "Vault " + r.type().apiName() + " bundle download", "Download a cooked bundle.");
            json.key("methods").raw("{").key("GET").string("The bundle (with Range support), or 302 Found to a"
                    + " signed URL when the store gives one.").raw(",")
                    .key("HEAD").string("As GET, without a body.").raw(",")
                    .key("OPTIONS").string("This description.").raw("}");
        } else {
            describe(json, "Vault redirect", "A legacy path, answered with 302 Found to its current form.");
            json.key("methods").raw("{").key("GET").string("302 Found to the current path.").raw("}");
        }
        return json.raw("}");
    }

    private static void describe(JsonBuffer json, String name, String description) {
        json.key("name").string(name).raw(",").key("description").string(description).raw(",")
                .key("renders").raw("[\"application/json\",\"text/html\"]").raw(",")
                .key("parses").raw("[\"application/x-www-form-urlencoded\",\"multipart/form-data\"]").raw(",");
    }
}
