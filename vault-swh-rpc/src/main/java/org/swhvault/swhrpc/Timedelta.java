package org.swhvault.swhrpc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Python's {@code timedelta} as swh-core writes it: {@code {days, seconds, microseconds}}, normalised. */
final class Timedelta {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private Timedelta() {
    }

    /** Normalises as Python does: seconds in [0, 86400), microseconds in [0, 10^6), days carry the sign. */
    static Map<String, Object> toMap(Duration d) {
        long micros = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long rest = Math.floorMod(micros, MICROS_PER_DAY);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("days", days);
        m.put("seconds", rest / 1_000_000L);
        m.put("microseconds", rest % 1_000_000L);
        return m;
    }

    static Duration fromMap(Object payload) {
        Map<?, ?> m = (Map<?, ?>) payload;
        if (!Set.of("days", "seconds", "microseconds").containsAll(m.keySet())) {
            throw new IllegalArgumentException("a timedelta has days, seconds and microseconds, not " + m.keySet());
        }
        return Duration.ofDays(number(m.get("days"))).plusSeconds(number(m.get("seconds")))
                .plusNanos(Math.multiplyExact(number(m.get("microseconds")), 1000L));
    }

    private static long number(Object o) {
        return o == null ? 0 : (Long) o;
    }
}
