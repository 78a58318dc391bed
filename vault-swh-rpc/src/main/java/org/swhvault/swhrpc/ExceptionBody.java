package org.swhvault.swhrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An exception as swh-core's RPC servers send it in an error body, and as its extra type {@code exception}
 * carries one ({@code exception_to_dict}): the exception's class name and module, its arguments, its message
 * and its traceback lines.
 *
 * @param type the exception's class name, such as {@code MaskedObjectException}
 * @param module the module defining it, such as {@code swh.storage.exc}
 * @param args the exception's arguments, decoded, unmodifiable
 * @param message {@code str(exception)}
 * @param traceback the formatted traceback, one string per frame, unmodifiable (servers may send none)
 */
public record ExceptionBody(String type, String module, List<Object> args, String message, List<Object> traceback) {
    /** Validates the components. */
    public ExceptionBody {
        requireNonNull(type, "type is null");
        requireNonNull(module, "module is null");
        args = Collections.unmodifiableList(new ArrayList<>(requireNonNull(args, "args is null")));
        requireNonNull(message, "message is null");
        traceback = Collections.unmodifiableList(new ArrayList<>(requireNonNull(traceback, "traceback is null")));
    }

    /** The extra type {@code exception}. */
    static final ExtraType<ExceptionBody> TYPE = ExtraType.of("exception", ExceptionBody.class,
            ExceptionBody::toMap, v -> from(v).orElseThrow(() -> new IllegalArgumentException(
                    "an exception needs a type, a module and args")));

    /**
     * Returns a body with an empty traceback.
     *
     * @param type the exception's class name
     * @param module its module
     * @param message its message, also its one argument
     * @return the body
     */
    public static ExceptionBody of(String type, String module, String message) {
        return new ExceptionBody(type, module, List.of(message), message, List.of());
    }

    /**
     * Reads an error body as swh-core's client does: a map with at least {@code type} and {@code args} (a
     * missing {@code module}, {@code message} or {@code traceback} is tolerated, as older servers omit some).
     *
     * @param decoded a decoded error body
     * @return the exception, or empty if {@code decoded} is not such a map
     */
    public static Optional<ExceptionBody> from(Object decoded) {
        if (!(decoded instanceof Map<?, ?> d) || !(d.get("type") instanceof String type)
                || !(d.get("args") instanceof List<?> args)) {
            return Optional.empty();
        }
        String module = d.get("module") instanceof String m ? m : "";
        String message = d.get("message") instanceof String m ? m
                : args.size() == 1 && args.get(0) instanceof String a ? a : String.valueOf(args);
        List<?> traceback = d.get("traceback") instanceof List<?> t ? t : List.of();
        return Optional.of(new ExceptionBody(type, module, new ArrayList<>(args), message, new ArrayList<>(traceback)));
    }

    /**
     * Returns the body as swh-core writes it: the map {@code {type, module, args, message, traceback}}.
     *
     * @return a new map, in that order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type);
        d.put("module", module);
        d.put("args", args);
        d.put("message", message);
        d.put("traceback", traceback);
        return d;
    }

    /** Returns {@code type: message}, as people read an exception. */
    @Override
    public String toString() {
        return message.isEmpty() ? type : type + ": " + message;
    }
}
