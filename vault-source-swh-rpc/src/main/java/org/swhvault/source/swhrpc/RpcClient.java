package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.ExceptionBody;
import org.swhvault.swhrpc.MalformedMessageException;
import org.swhvault.swhrpc.SwhMsgpack;

/**
 * Calls swh-storage's RPC endpoints as swh-core's {@code RPCClient} does: {@code POST {url}/{endpoint}} with the
 * keyword arguments as a msgpack map, msgpack accepted. 502 and 503 (and a server that cannot be reached) are
 * transient: retried with doubling delays, as swh-core's client retries them. Every other failure becomes one
 * sentence that names the server: a 400 {@code MaskedObjectException} a {@link MaskedObjects}, anything else a
 * {@link VaultException} with {@link ErrorCode#SOURCE_FAILURE}. Thread-safe; every call blocks.
 */
final class RpcClient {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    /** Error bodies are short; a proxy's error page is cut here. */
    private static final int MAX_ERROR_BODY = 1 << 20;
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Pattern SWHID = Pattern.compile("swh:1:[a-z]{3}:[0-9a-f]{40}");

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final int retries;
    private final Duration retryDelay;

    RpcClient(URI url, Duration connectTimeout, Duration timeout, int retries, Duration retryDelay) {
        String s = url.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
        this.timeout = timeout;
        this.retries = retries;
        this.retryDelay = retryDelay;
    }

    /** Returns the server's base URL, ending with {@code /}. */
    URI url() {
        return base;
    }

    /**
     * Calls an endpoint and decodes its whole answer.
     *
     * @param endpoint the endpoint path, such as {@code revision/log}
     * @param kwargs the keyword arguments, in the method's parameter order
     * @return the decoded answer
     */
    Object call(String endpoint, Map<String, Object> kwargs) {
        try (InputStream in = open(endpoint, kwargs)) {
            return StorageCodec.CODEC.decode(in.readAllBytes());
        } catch (MalformedMessageException e) {
            throw malformed(endpoint, e);
        } catch (IOException e) {
            throw failure("lost the answer to POST /" + endpoint + ": " + e.getMessage(), e);
        }
    }

    /**
     * Calls an endpoint and returns its answer's body as it arrives, once the status says it is an answer. The
     * caller closes the stream.
     *
     * @param endpoint the endpoint path
     * @param kwargs the keyword arguments
     * @return the msgpack body
     */
    InputStream open(String endpoint, Map<String, Object> kwargs) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(endpoint)).timeout(timeout)
                .header("Content-Type", SwhMsgpack.CONTENT_TYPE).header("Accept", SwhMsgpack.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(StorageCodec.CODEC.encode(kwargs))).build();
        for (int attempt = 0; ; attempt++) {
            String transient_;
            Exception cause = null;
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 200) {
                    return answer(endpoint, response);
                }
                RemoteError error = error(response);
                if (status != 502 && status != 503) {
                    throw rejected(endpoint, status, error);
                }
                transient_ = status + " " + error;
            } catch (HttpConnectTimeoutException e) {
                transient_ = "cannot be reached (no connection within " + seconds(http.connectTimeout().orElseThrow())
                        + ")";
                cause = e;
            } catch (HttpTimeoutException e) {
                throw failure("did not answer POST /" + endpoint + " within " + seconds(timeout), e);
            } catch (ConnectException e) {
                transient_ = "cannot be reached (" + message(e) + ")";
                cause = e;
            } catch (IOException e) {
                transient_ = "closed the connection (" + message(e) + ")";
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaultException(ErrorCode.CANCELLED, "Interrupted while calling " + this + ".", e);
            }
            if (attempt >= retries) {
                String times = attempt == 0 ? "" : " (" + (attempt + 1) + " attempts)";
                throw failure(transient_ + " on POST /" + endpoint + times, cause);
            }
            Duration delay = delay(attempt);
            LOG.warn("{} {} on POST /{}; retrying in {} ms", this, transient_, endpoint, delay.toMillis());
            sleep(delay);
        }
    }

    private InputStream answer(String endpoint, HttpResponse<InputStream> response) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith(SwhMsgpack.CONTENT_TYPE)) {
            response.body().close();
            throw failure("answered POST /" + endpoint + " with " + (type.isEmpty() ? "no Content-Type" : type)
                    + ", not msgpack: is it swh-storage's RPC server?", null);
        }
        return new IdleTimeout(response.body(), timeout);
    }

    /**
     * What an error body says: the remote exception swh-core's server wrote, or the start of whatever else came
     * (a reverse proxy's page, say).
     */
    private record RemoteError(Optional<ExceptionBody> exception, String text) {
        @Override
        public String toString() {
            return exception.map(ExceptionBody::toString).orElse(text);
        }
    }

    private static RemoteError error(HttpResponse<InputStream> response) throws IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        }
        try {
            Optional<ExceptionBody> exception = ExceptionBody.from(StorageCodec.CODEC.decode(body));
            if (exception.isPresent()) {
                return new RemoteError(exception, "");
            }
        } catch (MalformedMessageException e) {
            // not an RPC error body
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return new RemoteError(Optional.empty(), text.isEmpty() ? "(empty body)" : text.replaceAll("\\s+", " "));
    }

    private RuntimeException rejected(String endpoint, int status, RemoteError error) {
        if (status == 404) {
            return failure("has no endpoint /" + endpoint + " (404): is it swh-storage's RPC server?", null);
        }
        Optional<ExceptionBody> e = error.exception();
        if (status == 400 && e.isPresent() && e.get().type().equals("MaskedObjectException")) {
            return masked(e.get());
        }
        return failure("failed POST /" + endpoint + " (" + status + "): " + error, null);
    }

    /**
     * The objects a {@code MaskedObjectException} names: the keys of its argument (extended SWHIDs to lists of
     * masked statuses), or, should the argument not have come through, the SWHIDs its message lists.
     */
    private static MaskedObjects masked(ExceptionBody e) {
        Set<Swhid> swhids = new LinkedHashSet<>();
        if (!e.args().isEmpty() && e.args().get(0) instanceof Map<?, ?> masked) {
            for (Object key : masked.keySet()) {
                if (key instanceof Swhid swhid) {
                    swhids.add(swhid);
                }
            }
        }
        if (swhids.isEmpty()) {
            Matcher m = SWHID.matcher(e.message());
            while (m.find()) {
                swhids.add(Swhid.parse(m.group()));
            }
        }
        return new MaskedObjects(swhids, e.toString());
    }

    private Duration delay(int attempt) {
        Duration d = retryDelay.multipliedBy(1L << Math.min(attempt, 20));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException(ErrorCode.CANCELLED, "Interrupted while waiting to call " + this + " again.", e);
        }
    }

    VaultException failure(String what, Throwable cause) {
        String sentence = this + " " + what + (what.endsWith(".") || what.endsWith("?") ? "" : ".");
        return cause == null ? new VaultException(ErrorCode.SOURCE_FAILURE, sentence)
                : new VaultException(ErrorCode.SOURCE_FAILURE, sentence, cause);
    }

    VaultException malformed(String endpoint, MalformedMessageException e) {
        return failure("answered POST /" + endpoint + " with a body swh-core could not have written: "
                + e.getMessage(), e);
    }

    /** A duration as people read it: {@code 300 s}, or {@code 250 ms} under 10 s. */
    static String seconds(Duration d) {
        return d.compareTo(Duration.ofSeconds(10)) < 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** Why a call failed, in words: the JDK's client gives a refused connection no message, only its class. */
    private static String message(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException ? "connection refused" : "no reason given";
    }

    @Override
    public String toString() {
        return "swh-storage at " + base;
    }
}
