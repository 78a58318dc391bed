package org.swhvault.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;

/**
 * One HTTP request and its answer, as the API code sees them, whatever server carries them. The answer's
 * headers are collected in {@link #responseHeaders()} and go out with {@link #sendHeaders}. Not thread-safe.
 */
interface Exchange {
    /** Returns the request method, such as {@code GET}. */
    String method();

    /** Returns the request path as sent, percent-escapes kept. */
    String rawPath();

    /** Returns the query as sent (without {@code ?}), or null. */
    String rawQuery();

    /** Returns the client's address. */
    InetAddress client();

    /** Returns the first value of a request header, or null. */
    String requestHeader(String name);

    /** Returns the request body. */
    InputStream requestBody() throws IOException;

    /** Returns the answer's headers, to fill before {@link #sendHeaders}. */
    HeaderFields responseHeaders();

    /**
     * Sends the status line and the headers.
     *
     * @param status the status code
     * @param contentLength the number of body bytes that follow through {@link #responseBody()}, or -1 for none
     *     (a {@code Content-Length} header set by the caller is then sent as it is, as HEAD needs)
     */
    void sendHeaders(int status, long contentLength) throws IOException;

    /**
     * Sends the status line, the headers and a whole body at once (one write for a small answer).
     *
     * @param status the status code
     * @param body the bytes
     * @param length how many of them
     */
    void sendWhole(int status, byte[] body, int length) throws IOException;

    /** Returns where the body goes after {@link #sendHeaders}; closing it ends the answer. */
    OutputStream responseBody() throws IOException;
}
