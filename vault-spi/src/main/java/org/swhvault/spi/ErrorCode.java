package org.swhvault.spi;

import static java.util.Objects.requireNonNull;

/**
 * Machine-readable codes carried by every {@link VaultException}.
 */
public enum ErrorCode {
    /** A SWHID string or binary form could not be parsed. */
    INVALID_SWHID(ErrorType.USER_ERROR, 400, false),
    /** An argument or configuration value is invalid. */
    INVALID_ARGUMENT(ErrorType.USER_ERROR, 400, false),
    /** The operation is not supported for this object type or bundle type. */
    UNSUPPORTED(ErrorType.USER_ERROR, 400, false),
    /** An archive object model value violates the model's rules (for example a directory entry name containing '/'). */
    INVALID_OBJECT(ErrorType.USER_ERROR, 400, false),
    /** The requested object is not in the archive. */
    OBJECT_NOT_FOUND(ErrorType.NOT_FOUND, 404, false),
    /** The requested content exists but is hidden or was not retrieved by the archive. */
    CONTENT_UNAVAILABLE(ErrorType.NOT_FOUND, 404, false),
    /**
     * An object the requested one references has not reached this mirror yet (sources that are only
     * eventually consistent, see {@link org.swhvault.spi.source.EventuallyConsistent}); a later attempt
     * may succeed.
     */
    NOT_YET_AVAILABLE(ErrorType.EXTERNAL, 503, true),
    /** An object read from a source is corrupt (cannot be parsed, or does not hash to its id). */
    CORRUPT_OBJECT(ErrorType.EXTERNAL, 500, false),
    /** An object source or bundle store failed for a reason outside the library (I/O, network). */
    SOURCE_FAILURE(ErrorType.EXTERNAL, 503, true),
    /** No plug-in was found under the requested name, or the plug-in could not be created. */
    PLUGIN_NOT_FOUND(ErrorType.USER_ERROR, 400, false),
    /** The bundle would exceed the configured maximum size. */
    BUNDLE_TOO_LARGE(ErrorType.USER_ERROR, 413, false),
    /** The work was cancelled before it finished. */
    CANCELLED(ErrorType.EXTERNAL, 503, true),
    /** A bundle store failed (I/O, network, credentials). */
    STORE_FAILURE(ErrorType.EXTERNAL, 503, true),
    /** An unexpected internal error. */
    INTERNAL_ERROR(ErrorType.INTERNAL, 500, false);

    private final ErrorType type;
    private final int httpStatus;
    private final boolean retryable;

    ErrorCode(ErrorType type, int httpStatus, boolean retryable) {
        this.type = requireNonNull(type, "type is null");
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /**
     * Returns the HTTP status an API answers this error with, as the reference vault does: 400 for bad
     * input, 404 for what is not there, 413 for a bundle over the limit, 503 for a failing store or
     * archive (try again later), 500 for the rest.
     */
    public int httpStatus() {
        return httpStatus;
    }

    /** Returns whether the same work may succeed later (a store or archive that failed, a stopped worker). */
    public boolean retryable() {
        return retryable;
    }

    /** Returns the broad class of this code. */
    public ErrorType type() {
        return type;
    }
}
