package org.swhvault.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Response header fields: names compared without case, sent with the case first given. Not thread-safe. */
final class HeaderFields {
    private final Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** Replaces the values of a field. */
    void set(String name, String value) {
        put(name, List.of(value));
    }

    /** Adds a value to a field. */
    void add(String name, String value) {
        names.putIfAbsent(name, name);
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    /** Replaces the values of a field. */
    void put(String name, List<String> values) {
        names.putIfAbsent(name, name);
        fields.put(name, new ArrayList<>(values));
    }

    void remove(String name) {
        names.remove(name);
        fields.remove(name);
    }

    String first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Returns each field with the name as first given. */
    Map<String, List<String>> asMap() {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fields.forEach((k, v) -> out.put(names.get(k), Collections.unmodifiableList(v)));
        return out;
    }
}
