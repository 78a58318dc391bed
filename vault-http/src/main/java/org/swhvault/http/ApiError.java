package org.swhvault.http;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP error answered with the reference's body {@code {"exception": <name>, "reason": <text>}}. The
 * exception names are the reference's (swh-web and Django REST framework): {@code BadInputExc} 400,
 * {@code NotFoundExc} 404, {@code MethodNotAllowed} 405, {@code Throttled} 429… Carries no stack trace: it is
 * an answer, not a bug.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String exception;
    private final transient Map<String, List<String>> headers;

    ApiError(int status, String exception, String reason, Map<String, List<String>> headers) {
        super(requireNonNull(reason, "reason is null"), null, false, false);
        this.status = status;
        this.exception = requireNonNull(exception, "exception is null");
        this.headers = Map.copyOf(headers);
    }

    /**
     * Returns the error for a status, named as the reference names it: 400 {@code BadInputExc}, 404
     * {@code NotFoundExc}, 413 {@code LargePayloadExc}, 503 {@code StorageAPIError}, other 5xx
     * {@code InternalServerError}; the statuses the server itself refuses with (408, 414, 431) by their
     * standard meaning, any other by {@code BadRequest}. The one place these names are decided.
     */
    static ApiError ofStatus(int status, String reason) {
        String exception = switch (status) {
            case 400 -> "BadInputExc";
            case 404 -> "NotFoundExc";
            case 408 -> "RequestTimeout";
            case 413 -> "LargePayloadExc";
            case 414 -> "URITooLong";
            case 431 -> "RequestHeaderFieldsTooLarge";
            case 503 -> "StorageAPIError";
            default -> status >= 500 ? "InternalServerError" : "BadRequest";
        };
        return new ApiError(status, exception, reason, Map.of());
    }

    static ApiError badInput(String reason) {
        return ofStatus(400, reason);
    }

    static ApiError notFound(String reason) {
        return ofStatus(404, reason);
    }

    static ApiError methodNotAllowed(String method, String allow) {
        return new ApiError(405, "MethodNotAllowed", "Method \"" + method + "\" not allowed.",
                Map.of("Allow", List.of(allow)));
    }

    /**
     * A credential that was sent but is not accepted: 401 {@code AuthenticationFailed}, as Django REST framework
     * names it, with RFC 6750's {@code WWW-Authenticate} challenge.
     */
    static ApiError unauthorized(String reason) {
        return new ApiError(401, "AuthenticationFailed", reason,
                Map.of("WWW-Authenticate", List.of("Bearer realm=\"swh-vault\", error=\"invalid_token\"")));
    }

    static ApiError payloadTooLarge(String reason) {
        return ofStatus(413, reason);
    }

    static ApiError rangeNotSatisfiable(long size) {
        return new ApiError(416, "RangeNotSatisfiable",
                "The requested range is not satisfiable: the bundle has " + size + " bytes.",
                Map.of("Content-Range", List.of("bytes */" + size)));
    }

    static ApiError throttled(long retryAfterSeconds) {
        return new ApiError(429, "Throttled",
                "Request was throttled. Expected available in " + retryAfterSeconds + " second"
                        + (retryAfterSeconds == 1 ? "" : "s") + ".",
                Map.of("Retry-After", List.of(Long.toString(retryAfterSeconds))));
    }

    static ApiError unavailable(String reason) {
        return ofStatus(503, reason);
    }

    static ApiError internal(String reason) {
        return ofStatus(500, reason);
    }

    /** The HTTP status code. */
    int status() {
        return status;
    }

    /** The reference's exception class name. */
    String exception() {
        return exception;
    }

    /** The human-readable reason. */
    String reason() {
        return getMessage();
    }

    /** The body the reference answers: {@code {"exception": …, "reason": …}}. */
    JsonBody json() {
        return JsonBody.of(json -> {
            json.writeStartObject();
            json.writeStringField("exception", exception);
            json.writeStringField("reason", getMessage());
            json.writeEndObject();
        });
    }

    /** Extra response headers ({@code Allow}, {@code Retry-After}, {@code Content-Range}). */
    Map<String, List<String>> headers() {
        return headers;
    }
}
