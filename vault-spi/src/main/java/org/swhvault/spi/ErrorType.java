package org.swhvault.spi;

/**
 * The broad class of an {@link ErrorCode}: who is at fault and whether retrying can help.
 */
public enum ErrorType {
    /** The caller gave bad input (a malformed SWHID, an unsupported bundle type); retrying the same call fails again. */
    USER_ERROR,
    /** The requested object does not exist in the archive (or not yet on this mirror). */
    NOT_FOUND,
    /** A dependency outside the library failed (storage, network, a corrupt repository); retrying may help. */
    EXTERNAL,
    /** A bug or an unexpected state inside the library. */
    INTERNAL
}
