package org.swhvault.swhrpc;

import java.io.IOException;

/**
 * The bytes are not a message swh-core's codec could have written: not msgpack, cut short, an unknown
 * extension type, text that is not UTF-8, or an extra type whose payload has the wrong shape. Its message
 * says which, for a sentence that names the server.
 */
public class MalformedMessageException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the bytes
     */
    public MalformedMessageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong with the bytes
     * @param cause the decoder's own exception
     */
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
