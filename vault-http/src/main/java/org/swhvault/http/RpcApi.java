package org.swhvault.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.swhvault.core.BatchStatus;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.Download;
import org.swhvault.core.OpenBundle;
import org.swhvault.core.Vault;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.SwhMsgpack;

/**
 * The reference vault's RPC API, the part a front end (swh-web, {@code vault: cls: remote}) calls: {@code POST
 * /cook}, {@code /progress}, {@code /fetch}, {@code /download_url}, {@code /batch_cook} and {@code
 * /batch_progress}, with keyword arguments as a msgpack or JSON map and answers encoded as swh-core's RPC server
 * encodes them ({@link RpcCodec}). A missing bundle, an unknown type or batch is swh-vault's {@code NotFoundExc}
 * (400, body {@code {type, module, args, message, traceback}}); a store failure is 503, which swh-core's client
 * retries; anything else 500. Never a Python-style traceback: the traceback list is empty.
 */
final class RpcApi {
    static final Set<String> PATHS = Set.of("/cook", "/progress", "/fetch", "/download_url", "/batch_cook",
            "/batch_progress");

    private final Vault vault;

    RpcApi(Vault vault) {
        this.vault = vault;
    }

    /** An error answered with swh-core's exception body. */
    private static final class RpcError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;
        final String module;

        RpcError(int status, String type, String module, String message) {
            super(message);
            this.status = status;
            this.type = type;
            this.module = module;
        }

        static RpcError notFound(String message) {
            return new RpcError(400, "NotFoundExc", "swh.vault.exc", message);
        }
    }

    void answer(Exchange exchange, Reply reply) throws IOException {
        String accept = exchange.requestHeader("Accept");
        boolean msgpack = accept != null && accept.contains(RpcCodec.MSGPACK)
                && (!accept.contains(RpcCodec.JSON) || accept.indexOf(RpcCodec.MSGPACK) < accept.indexOf(RpcCodec.JSON));
        if (!exchange.method().equals("POST")) {
            reply.headers().set("Allow", "POST");
            send(reply, msgpack, 405, error("MethodNotAllowed", "werkzeug.exceptions",
                    "The method is not allowed for the requested URL."));
            return;
        }
        try {
            Map<String, Object> args = arguments(exchange);
            String method = exchange.rawPath().substring(1);
            if (method.equals("fetch")) {
                fetch(reply, msgpack, args);
                return;
            }
            send(reply, msgpack, 200, call(method, args));
        } catch (RpcError e) {
            send(reply, msgpack, e.status, error(e.type, e.module, e.getMessage()));
        } catch (VaultException e) {
            boolean notFound = e.code() == ErrorCode.OBJECT_NOT_FOUND || e.code() == ErrorCode.UNSUPPORTED
                    || e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.INVALID_SWHID;
            send(reply, msgpack, notFound ? 400 : e.code().retryable() ? 503 : 500,
                    error(notFound ? "NotFoundExc" : "Exception", notFound ? "swh.vault.exc" : "builtins", e.getMessage()));
        } catch (IllegalArgumentException | IOException e) {
            send(reply, msgpack, 400, error("TypeError", "builtins", "Bad arguments: " + e.getMessage()));
        }
    }

    private static Map<String, Object> arguments(Exchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.requestBody()) {
            body = in.readNBytes(16 << 20);
        }
        if (body.length == 0) {
            return Map.of();
        }
        String type = Optional.ofNullable(exchange.requestHeader("Content-Type")).orElse("");
        Object decoded;
        if (type.startsWith(RpcCodec.MSGPACK)) {
            decoded = RpcCodec.readMsgpack(body);
        } else if (type.startsWith(RpcCodec.JSON)) {
            decoded = RpcCodec.readJson(body);
        } else {
            throw new IllegalArgumentException("Wrong content type `" + type + "` for API request");
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the arguments must be a map of keyword arguments");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> args = (Map<String, Object>) map;
        return args;
    }

    private Object call(String method, Map<String, Object> args) {
        switch (method) {
            case "cook": {
                BundleKey key = key(args);
                Optional<String> email = Optional.ofNullable(typed(args.get("email"), String.class, "email"));
                try {
                    return progress(vault.cook(key.type(), key.swhid(), email));
                } catch (VaultException e) {
                    if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
                        throw RpcError.notFound(name(key.type()) + " " + key.swhid() + " was not found.");
                    }
                    throw e;
                }
            }
            case "progress": {
                BundleKey key = key(args);
                return progress(vault.status(key.type(), key.swhid()).orElseThrow(
                        () -> RpcError.notFound(name(key.type()) + " " + key.swhid() + " was not found.")));
            }
            case "download_url": {
                BundleKey key = key(args);
                Duration expiry = args.get("expiry") instanceof Duration d ? d : Duration.ofDays(1);
                return available(key, () -> vault.download(key.type(), key.swhid(), expiry)).url()
                        .map(Object::toString).orElse(null);
            }
            case "batch_cook": {
                List<BundleKey> keys = new ArrayList<>();
                for (Object pair : typed(required(args, "batch"), List.class, "batch")) {
                    List<?> p = typed(pair, List.class, "an item of batch");
                    if (p.size() != 2) {
                        throw new IllegalArgumentException("an item of batch must be a pair [bundle_type, swhid], got "
                                + p.size() + (p.size() == 1 ? " item" : " items"));
                    }
                    keys.add(key(p.get(0), p.get(1)));
                }
                return vault.cookBatch(keys);
            }
            case "batch_progress": {
                long id = typed(required(args, "batch_id"), Number.class, "batch_id").longValue();
                BatchStatus batch;
                try {
                    batch = vault.batchStatus(id);
                } catch (VaultException e) {
                    throw RpcError.notFound("Batch " + id + " does not exist.");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                List<Object> bundles = new ArrayList<>();
                batch.bundles().forEach(b -> bundles.add(progress(b)));
                out.put("bundles", bundles);
                out.put("total", (long) bundles.size());
                for (RequestState state : RequestState.values()) {
                    out.put(state.apiName(), (long) batch.counts().getOrDefault(state, 0));
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown method " + method);
        }
    }

    /**
     * Streams the bundle as one msgpack bin (its header, then the bytes), or in JSON as swh-core's extra type
     * {@code bytes} (base 85, encoded as it streams): never held in memory.
     */
    private void fetch(Reply reply, boolean msgpack, Map<String, Object> args) throws IOException {
        BundleKey key = key(args);
        Download download = available(key, () -> vault.download(key.type(), key.swhid(), Duration.ofMinutes(1)));
        try (OpenBundle bundle = download.open(); InputStream in = bundle.stream()) {
            long size = bundle.length();
            byte[] head;
            byte[] tail;
            long bodyLength;
            InputStream body;
            if (msgpack) {
                if (size > 0xffffffffL) {
                    throw new VaultException(ErrorCode.BUNDLE_TOO_LARGE, "The bundle is larger than a msgpack bin holds.");
                }
                head = SwhMsgpack.binHeader(size);
                tail = new byte[0];
                body = in;
                bodyLength = size;
            } else {
                head = "{\"swhtype\":\"bytes\",\"d\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                tail = "\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                body = RpcCodec.Base85.encoding(in);
                bodyLength = RpcCodec.Base85.encodedLength(size);
            }
            reply.headers().set("Content-Type", msgpack ? RpcCodec.MSGPACK : RpcCodec.JSON);
            reply.stream(200, new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                    new java.io.ByteArrayInputStream(head), body, new java.io.ByteArrayInputStream(tail)))),
                    head.length + bodyLength + tail.length);
        }
    }

    private interface Lookup {
        Download get();
    }

    private static Download available(BundleKey key, Lookup lookup) {
        try {
            return lookup.get();
        } catch (VaultException e) {
            if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
                throw RpcError.notFound(name(key.type()) + " " + key.swhid() + " is not available.");
            }
            throw e;
        }
    }

    /** The reference's progress dict ({@code vault_bundle}'s columns), our request id as the task id. */
    private static Map<String, Object> progress(BundleStatus s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("type", name(s.key().type()));
        out.put("swhid", s.key().swhid());
        out.put("task_id", s.id());
        out.put("task_status", s.state().apiName());
        out.put("sticky", s.sticky());
        out.put("ts_created", s.created());
        out.put("ts_done", s.done().orElse(null));
        out.put("ts_last_access", s.lastAccess());
        out.put("progress_msg", s.progressMessage().orElse(null));
        return out;
    }

    private static BundleKey key(Map<String, Object> args) {
        return key(required(args, "bundle_type"), required(args, "swhid"));
    }

    private static BundleKey key(Object bundleType, Object swhid) {
        BundleType type = type(typed(bundleType, String.class, "bundle_type"));
        return new BundleKey(type, swhid instanceof Swhid s ? s : Swhid.parse(typed(swhid, String.class, "swhid")));
    }

    /** An argument of the type a method takes, or a sentence in the caller's terms (not a Java class name). */
    private static <T> T typed(Object value, Class<T> type, String name) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IllegalArgumentException(name + " must be " + kind(type) + ", got " + kind(value.getClass()));
    }

    private static String kind(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        } else if (Number.class.isAssignableFrom(type)) {
            return "a number";
        } else if (List.class.isAssignableFrom(type)) {
            return "a list";
        } else if (Map.class.isAssignableFrom(type)) {
            return "a map";
        } else if (Boolean.class.isAssignableFrom(type)) {
            return "a boolean";
        }
        return "a value of another type";
    }

    private static BundleType type(String name) {
        return BundleType.fromName(name).orElseThrow(() -> RpcError.notFound(name + " is an unknown type."));
    }

    /** The reference's name of a bundle type: {@code git_bare}, not the API's {@code git-bare}. */
    private static String name(BundleType type) {
        return type == BundleType.GIT_BARE ? "git_bare" : type.apiName();
    }

    private static Object required(Map<String, Object> args, String name) {
        if (!args.containsKey(name)) {
            throw new IllegalArgumentException("missing required argument '" + name + "'");
        }
        return args.get(name);
    }

    private static Map<String, Object> error(String type, String module, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("module", module);
        out.put("args", List.of(message));
        out.put("message", message);
        out.put("traceback", List.of());
        return out;
    }

    private static void send(Reply reply, boolean msgpack, int status, Object value) throws IOException {
        byte[] body = msgpack ? RpcCodec.writeMsgpack(value) : RpcCodec.writeJson(value);
        reply.headers().set("Content-Type", msgpack ? RpcCodec.MSGPACK : RpcCodec.JSON);
        reply.body(status, body, body.length);
    }
}
