package org.swhvault.spi;

import static java.util.Objects.requireNonNull;

/**
 * Machine-readable codes carried by every {@link VaultException}.
 */
public enum ErrorCode {
    /** A SWHID string or binary form could not be parsed. */
    INVALID_SWHID(ErrorType.USER_ERROR),
    /** An argument or configuration value is invalid. */
    INVALID_ARGUMENT(ErrorType.USER_ERROR),
    /** The operation is not supported for this object type or bundle type. */
    UNSUPPORTED(ErrorType.USER_ERROR),
    /** An archive object model value violates the model's rules (for example a directory entry name containing '/'). */
    INVALID_OBJECT(ErrorType.USER_ERROR),
    /** The requested object is not in the archive. */
    OBJECT_NOT_FOUND(ErrorType.NOT_FOUND),
    /** The requested content exists but is hidden or was not retrieved by the archive. */
    CONTENT_UNAVAILABLE(ErrorType.NOT_FOUND),
    /** An object read from a source is corrupt (cannot be parsed, or does not hash to its id). */
    CORRUPT_OBJECT(ErrorType.EXTERNAL),
    /** An object source or bundle store failed for a reason outside the library (I/O, network). */
    SOURCE_FAILURE(ErrorType.EXTERNAL),
    /** No plug-in was found under the requested name, or the plug-in could not be created. */
    PLUGIN_NOT_FOUND(ErrorType.USER_ERROR),
    /** The bundle would exceed the configured maximum size. */
    BUNDLE_TOO_LARGE(ErrorType.USER_ERROR),
    /** The work was cancelled before it finished. */
    CANCELLED(ErrorType.EXTERNAL),
    /** A bundle store failed (I/O, network, credentials). */
    STORE_FAILURE(ErrorType.EXTERNAL),
    /** An unexpected internal error. */
    INTERNAL_ERROR(ErrorType.INTERNAL);

    private final ErrorType type;

    ErrorCode(ErrorType type) {
        this.type = requireNonNull(type, "type is null");
    }

    /** Returns the broad class of this code. */
    public ErrorType type() {
        return type;
    }
}
