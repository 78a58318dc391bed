package org.swhvault.examples.http;

import org.swhvault.spi.VaultException;

/** Maps the vault's errors to the reference's HTTP answers. Stateless. */
final class Errors {
    private Errors() {
    }

    /**
     * Returns the HTTP answer to a vault error: bad input 400, not found 404, too large 413, store or archive
     * failures 503, anything else 500. The reason is the vault's message, which never holds a stack trace.
     *
     * @param e the error
     * @return the answer
     */
    static ApiError of(VaultException e) {
        String message = e.getMessage();
        return switch (e.code()) {
            case INVALID_SWHID -> ApiError.badInput("Error when parsing identifier: " + message);
            case INVALID_ARGUMENT, UNSUPPORTED, INVALID_OBJECT, PLUGIN_NOT_FOUND -> ApiError.badInput(message);
            case OBJECT_NOT_FOUND, CONTENT_UNAVAILABLE -> ApiError.notFound(message);
            case BUNDLE_TOO_LARGE -> ApiError.payloadTooLarge(message);
            case SOURCE_FAILURE, STORE_FAILURE, CANCELLED -> ApiError.unavailable(message);
            case CORRUPT_OBJECT, INTERNAL_ERROR -> ApiError.internal(message);
        };
    }
}
