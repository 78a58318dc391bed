package org.swhvault.core;

import java.time.Duration;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.store.BundleKey;

import static java.util.Objects.requireNonNull;

/**
 * How one attempt at cooking a bundle ended, as {@link VaultListener#onAttemptEnded(CookAttempt)} reports it:
 * what metrics count.
 *
 * @param key the bundle
 * @param outcome how it ended
 * @param failure the kind of failure, for {@link Outcome#RETRIED}, {@link Outcome#FAILED} and
 *     {@link Outcome#TAKEN_OVER}
 * @param took how long the attempt ran (wall-clock time); zero for a take-over, whose worker is gone
 * @param bytes the bundle's size, for {@link Outcome#DONE}; 0 otherwise
 */
public record CookAttempt(BundleKey key, Outcome outcome, Optional<ErrorCode> failure, Duration took, long bytes) {
    /** How an attempt ended. */
    public enum Outcome {
        /** The bundle is cooked and in the store. */
        DONE,
        /** It failed and will be tried again. */
        RETRIED,
        /** It failed for good. */
        FAILED,
        /** The vault closed while it ran; the request went back to the queue. */
        HANDED_BACK,
        /** Its worker lost the lease: another one owns the request now. */
        ABANDONED,
        /** Its worker died (its lease ran out) and this vault took the request over. */
        TAKEN_OVER;

        /** Returns the lower-case name, such as {@code taken_over}, as metrics label it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Validates the components. */
    public CookAttempt {
        requireNonNull(key, "key is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(took, "took is null");
    }
}
