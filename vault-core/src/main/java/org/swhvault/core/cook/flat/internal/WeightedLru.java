package org.swhvault.core.cook.flat.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A map that forgets its least recently used entries once their total weight passes a bound. For one
 * thread; what a single cook needs, without a caching library.
 */
final class WeightedLru<K, V> {
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final ToLongFunction<V> weigher;
    private final long maxWeight;
    private long weight;

    WeightedLru(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    V get(K key) {
        return entries.get(key);
    }

    void put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight) {
            return; // larger than the whole cache: keeping it would evict everything else
        }
        V old = entries.put(key, value);
        weight += w - (old == null ? 0 : weigher.applyAsLong(old));
        for (Iterator<Map.Entry<K, V>> it = entries.entrySet().iterator(); weight > maxWeight && it.hasNext(); ) {
            Map.Entry<K, V> eldest = it.next();
            weight -= weigher.applyAsLong(eldest.getValue());
            it.remove();
        }
    }

    void putAll(Map<K, V> values) {
        values.forEach(this::put);
    }
}
