package org.swhvault.spi;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception of the library. Its message is a sentence meant for people; its
 * {@link #code()} is meant for programs.
 */
public class VaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Creates an exception.
     *
     * @param code what kind of error this is
     * @param message what was wrong and, where it helps, what was expected
     */
    public VaultException(ErrorCode code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    /**
     * Creates an exception with a cause.
     *
     * @param code what kind of error this is
     * @param message what was wrong and, where it helps, what was expected
     * @param cause the underlying failure
     */
    public VaultException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    /** Returns the machine-readable code of this error. */
    public ErrorCode code() {
        return code;
    }
}
