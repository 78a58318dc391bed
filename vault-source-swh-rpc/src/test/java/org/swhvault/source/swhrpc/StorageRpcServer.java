package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.ExceptionBody;
import org.swhvault.swhrpc.SwhMsgpack;

/**
 * A server that answers swh-storage's RPC protocol as swh-core's {@code RPCServerApp} and swh-storage's
 * {@code api/server.py} do, from any {@link ObjectSource}: {@code POST /<endpoint>} with the keyword arguments
 * as a msgpack map, answers in msgpack, errors as swh-core's exception body (400 for swh-storage's
 * {@code NonRetryableException}s such as {@code MaskedObjectException}, 500 for the rest, 404 for an unknown
 * endpoint). A test may script the next answers of an endpoint (a 503, a broken body) and mask objects.
 */
final class StorageRpcServer implements AutoCloseable {
    /** An answer a test makes the server give instead of its own. */
    record Scripted(int status, String contentType, byte[] body) {
        /** A 200 answer of {@code value}, in msgpack. */
        static Scripted answer(Object value) {
            return new Scripted(200, SwhMsgpack.CONTENT_TYPE, StorageCodec.CODEC.encode(value));
        }
    }

    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final StorageEndpoints endpoints;
    private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> requests = new ConcurrentHashMap<>();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);

    static {
        // Without it, small answers wait for the client's delayed acknowledgement: tens of ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private StorageRpcServer(ObjectSource source) throws IOException {
        this.endpoints = new StorageEndpoints(source);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
        http.start();
    }

    /** Starts a server on a free port of the loopback interface. */
    static StorageRpcServer serve(ObjectSource source) {
        try {
            return new StorageRpcServer(source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Returns the server's base URL. */
    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    /** Masks objects, as swh-storage's masking proxy does after a takedown request. */
    void mask(Swhid... swhids) {
        endpoints.mask(swhids);
    }

    /** Makes the next call of {@code endpoint} answer {@code answer}; several queue up. */
    void script(String endpoint, Scripted answer) {
        scripts.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(answer);
    }

    /** Makes the next call of {@code endpoint} fail as swh-core's server fails with this exception. */
    void fail(String endpoint, int status, ExceptionBody exception) {
        script(endpoint, new Scripted(status, SwhMsgpack.CONTENT_TYPE, StorageCodec.CODEC.encode(exception.toMap())));
    }

    /** Gives a person a display name, which the masking proxy puts in place of their full name. */
    void displayName(String email, String fullname) {
        endpoints.displayName(email, fullname);
    }

    /** Makes {@code endpoint} start its answers and never finish them, until the server is closed. */
    void stall(String endpoint) {
        stalled.add(endpoint);
    }

    /** Returns how many times {@code endpoint} was called. */
    int calls(String endpoint) {
        AtomicInteger n = calls.get(endpoint);
        return n == null ? 0 : n.get();
    }

    /** Returns the bodies of the requests {@code endpoint} received, in order. */
    List<byte[]> requests(String endpoint) {
        return requests.getOrDefault(endpoint, List.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange) throws IOException, InterruptedException {
        try (exchange) {
            String endpoint = exchange.getRequestURI().getPath().substring(1);
            calls.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
            byte[] request = exchange.getRequestBody().readAllBytes();
            requests.computeIfAbsent(endpoint, e -> new CopyOnWriteArrayList<>()).add(request);
            if (stalled.contains(endpoint)) {
                exchange.getResponseHeaders().set("Content-Type", SwhMsgpack.CONTENT_TYPE);
                exchange.sendResponseHeaders(200, 1000);
                exchange.getResponseBody().write(0x93);
                exchange.getResponseBody().flush();
                closing.await();
                return;
            }
            Deque<Scripted> scripted = scripts.get(endpoint);
            Scripted next = scripted == null ? null : scripted.poll();
            if (next != null) {
                send(exchange, next.status(), next.contentType(), next.body());
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                error(exchange, 405, ExceptionBody.of("MethodNotAllowed", "werkzeug.exceptions",
                        "405 Method Not Allowed: The method is not allowed for the requested URL."));
                return;
            }
            try {
                Map<?, ?> kwargs = arguments(exchange, request);
                if (endpoint.equals("content/data")) {
                    data(exchange, kwargs);
                    return;
                }
                byte[] body = StorageCodec.CODEC.encode(endpoints.call(endpoint, kwargs));
                send(exchange, 200, SwhMsgpack.CONTENT_TYPE, body);
            } catch (StorageEndpoints.RemoteError e) {
                error(exchange, e.status, e.body);
            } catch (RuntimeException e) {
                error(exchange, 500, ExceptionBody.of(e.getClass().getSimpleName(), "builtins", String.valueOf(
                        e.getMessage())));
            }
        }
    }

    private static Map<?, ?> arguments(HttpExchange exchange, byte[] body) throws IOException {
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!type.equals(SwhMsgpack.CONTENT_TYPE)) {
            throw new IllegalArgumentException("Wrong content type `" + type + "` for API request");
        }
        return body.length == 0 ? Map.of() : (Map<?, ?>) StorageCodec.CODEC.decode(body);
    }

    /** Streams a content's bytes as one msgpack bin, as swh-core packs {@code content_get_data}'s bytes. */
    private void data(HttpExchange exchange, Map<?, ?> kwargs) throws IOException {
        Optional<InputStream> data = endpoints.data(kwargs);
        if (data.isEmpty()) {
            send(exchange, 200, SwhMsgpack.CONTENT_TYPE, StorageCodec.CODEC.encode(null));
            return;
        }
        try (InputStream in = data.get()) {
            long length = endpoints.length(ObjectId.of(((Bytes) ((Map<?, ?>) kwargs.get("content")).get("sha1_git"))
                    .toByteArray()));
            byte[] header = SwhMsgpack.binHeader(length);
            exchange.getResponseHeaders().set("Content-Type", SwhMsgpack.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, header.length + length);
            OutputStream out = exchange.getResponseBody();
            out.write(header);
            in.transferTo(out);
        }
    }

    private static void error(HttpExchange exchange, int status, ExceptionBody body) throws IOException {
        send(exchange, status, SwhMsgpack.CONTENT_TYPE, StorageCodec.CODEC.encode(body.toMap()));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        closing.countDown();
        http.stop(0);
        threads.shutdownNow();
    }
}
