package org.swhvault.core.source.git.internal;

/** Thrown by the parsers when an object body cannot be parsed at all; the caller names the object. */
public final class CorruptObjectBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptObjectBodyException(String message) {
        super(message);
    }
}
