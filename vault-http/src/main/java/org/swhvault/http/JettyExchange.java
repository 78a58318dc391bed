package org.swhvault.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.FutureCallback;

/** An {@link Exchange} carried by Jetty: the handler runs on a thread that may block. */
final class JettyExchange implements Exchange {
    private final Request request;
    private final Response response;
    private final HeaderFields headers = new HeaderFields();
    private OutputStream body;

    JettyExchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getHttpURI().getPath();
    }

    @Override
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public InetAddress client() {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    @Override
    public String requestHeader(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public InputStream requestBody() {
        return Content.Source.asInputStream(request);
    }

    @Override
    public HeaderFields responseHeaders() {
        return headers;
    }

    @Override
    public void sendHeaders(int status, long contentLength) {
        response.setStatus(status);
        for (Map.Entry<String, List<String>> field : headers.asMap().entrySet()) {
            for (String value : field.getValue()) {
                response.getHeaders().add(field.getKey(), value);
            }
        }
        if (contentLength >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, contentLength);
        }
    }

    @Override
    public void sendWhole(int status, byte[] bytes, int length) throws IOException {
        sendHeaders(status, length);
        FutureCallback written = new FutureCallback();
        response.write(true, ByteBuffer.wrap(bytes, 0, length), written);
        try {
            written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while answering");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Ends the answer: closes the body, or sends the headers if nothing was sent. */
    void finish() throws IOException {
        if (body != null) {
            body.close();
        }
    }

    @Override
    public OutputStream responseBody() throws IOException {
        if (body == null) {
            body = Content.Sink.asOutputStream(response);
        }
        return body;
    }
}
