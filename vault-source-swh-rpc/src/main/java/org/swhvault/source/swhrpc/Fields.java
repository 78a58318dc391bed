package org.swhvault.source.swhrpc;

import java.util.List;
import java.util.Map;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

/**
 * The fields of a decoded swh-model dict, read with their expected types. A field of the wrong type, or a
 * required one that is missing, throws {@link IllegalArgumentException} saying which, for the caller to report
 * as a corrupt object.
 */
final class Fields {
    private final String what;
    private final Map<?, ?> map;

    private Fields(String what, Map<?, ?> map) {
        this.what = what;
        this.map = map;
    }

    /** Reads {@code value} as a dict: a {@link ModelObject} of class {@code type}, or a plain map. */
    static Fields of(String type, Object value) {
        if (value instanceof ModelObject m) {
            if (!m.type().equals(type)) {
                throw new IllegalArgumentException("expected a " + type + ", got a " + m.type());
            }
            return new Fields(type, m.fields());
        }
        if (value instanceof Map<?, ?> map) {
            return new Fields(type, map);
        }
        throw new IllegalArgumentException("expected a " + type + ", got " + describe(value));
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Object get(String key) {
        return map.get(key);
    }

    /** Returns a required field, of class {@code type}. */
    <T> T required(String key, Class<T> type) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the " + what + " has no " + key);
        }
        return typed(key, v, type);
    }

    /** Returns a field that may be missing or None (then null), of class {@code type}. */
    <T> T optional(String key, Class<T> type) {
        Object v = map.get(key);
        return v == null ? null : typed(key, v, type);
    }

    private <T> T typed(String key, Object v, Class<T> type) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("the " + key + " of the " + what + " is " + describe(v) + ", not "
                    + name(type));
        }
        return type.cast(v);
    }

    ObjectId id(String key) {
        return id(required(key, Bytes.class), key);
    }

    ObjectId id(Bytes b, String key) {
        if (b.length() != ObjectId.LENGTH) {
            throw new IllegalArgumentException("the " + key + " of the " + what + " is " + b.length()
                    + " bytes long, not 20");
        }
        return ObjectId.of(b.toByteArray());
    }

    List<?> list(String key) {
        return required(key, List.class);
    }

    long number(String key) {
        return required(key, Long.class);
    }

    String what() {
        return what;
    }

    /** Names a decoded value's type as Python would: None, a bool, an int, a str, bytes, a list, a dict. */
    static String describe(Object v) {
        return v == null ? "None" : name(v.getClass());
    }

    /** Names a type as Python would. */
    static String describe(Class<?> type) {
        return name(type);
    }

    private static String name(Class<?> type) {
        if (Boolean.class.isAssignableFrom(type)) {
            return "a bool";
        } else if (Long.class.isAssignableFrom(type) || java.math.BigInteger.class.isAssignableFrom(type)) {
            return "an int";
        } else if (String.class.isAssignableFrom(type)) {
            return "a str";
        } else if (Bytes.class.isAssignableFrom(type)) {
            return "bytes";
        } else if (List.class.isAssignableFrom(type)) {
            return "a list";
        } else if (Map.class.isAssignableFrom(type)) {
            return "a dict";
        }
        return "a " + type.getSimpleName();
    }
}
