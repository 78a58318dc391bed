package org.swhvault.http;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/** Maps the vault's errors to the reference's HTTP answers. Stateless. */
final class Errors {
    private Errors() {
    }

    /**
     * Returns the HTTP answer to a vault error, with the status its code says ({@link ErrorCode#httpStatus()})
     * and the reference's exception name. The reason is the vault's message, which never holds a stack trace.
     *
     * @param e the error
     * @return the answer
     */
    static ApiError of(VaultException e) {
        String message = e.getMessage();
        return ApiError.ofStatus(e.code().httpStatus(),
                e.code() == ErrorCode.INVALID_SWHID ? "Error when parsing identifier: " + message : message);
    }
}
