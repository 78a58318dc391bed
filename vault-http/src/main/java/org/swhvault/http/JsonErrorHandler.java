package org.swhvault.http;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What the server answers to requests it refuses before the API sees them (a request line or headers too
 * large, a malformed path or body, a read that timed out): the reference's JSON error shape, never an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String phrase = HttpStatus.getMessage(status);
        Object detail = request.getAttribute(ERROR_MESSAGE);
        String reason = detail == null || detail.toString().isBlank() || detail.toString().equals(phrase)
                ? phrase + "." : phrase + ": " + detail + ".";
        JsonBody json = ApiError.ofStatus(status, reason).json();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, Reply.NEVER_CACHE);
        response.write(true, ByteBuffer.wrap(json.array(), 0, json.length()), callback);
        return true;
    }
}
