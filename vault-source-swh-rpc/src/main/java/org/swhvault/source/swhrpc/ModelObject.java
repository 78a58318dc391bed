package org.swhvault.source.swhrpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A swh-model object as swh-storage's RPC carries it (extra type {@code model}): its class name and its
 * {@code to_dict()} fields, decoded.
 *
 * @param type the class name, such as {@code Revision} or {@code DirectoryEntry}
 * @param fields the fields, in their order, without {@code __type__}
 */
record ModelObject(String type, Map<String, Object> fields) {
    ModelObject {
        requireNonNull(type, "type is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    /** What swh-storage writes: the fields, then {@code __type__}. */
    Map<String, Object> toPayload() {
        Map<String, Object> d = new LinkedHashMap<>(fields);
        d.put("__type__", type);
        return d;
    }

    static ModelObject fromPayload(Object payload) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) payload).entrySet()) {
            d.put((String) e.getKey(), e.getValue());
        }
        Object type = d.remove("__type__");
        if (!(type instanceof String name)) {
            throw new IllegalArgumentException("a model object has no __type__");
        }
        return new ModelObject(name, d);
    }
}
