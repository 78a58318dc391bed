package org.swhvault.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.swhvault.core.CookAttempt;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.store.BundleKey;

/**
 * How long the bundles this process cooked took, as the status page shows them: heard from the vault's
 * attempts, the latest {@value #CAPACITY} kept. The request store does not record it, so a bundle cooked by
 * another process, or before a restart, has none. Thread-safe.
 */
final class CookTimes implements VaultListener {
    static final int CAPACITY = 10_000;

    private final Map<BundleKey, Duration> times = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BundleKey, Duration> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public void onAttemptEnded(CookAttempt attempt) {
        if (attempt.outcome() == CookAttempt.Outcome.DONE) {
            synchronized (times) {
                times.remove(attempt.key());
                times.put(attempt.key(), attempt.took());
            }
        }
    }

    /** Returns how long the latest successful attempt at a bundle took, if this process made it. */
    Optional<Duration> of(BundleKey key) {
        synchronized (times) {
            return Optional.ofNullable(times.get(key));
        }
    }
}
