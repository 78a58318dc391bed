package org.swhvault.core;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.store.BundleInfo;

import static java.util.Objects.requireNonNull;

/** How one cooking attempt ended. */
sealed interface Outcome {
    /** The bundle is committed to the store. */
    record Done(BundleInfo info) implements Outcome {
        public Done {
            requireNonNull(info, "info is null");
        }
    }

    /**
     * The attempt failed.
     *
     * @param code the kind of failure
     * @param sentence for a permanent failure, what the user reads; for a retryable one, the cause clause
     *     put before "; the cooking will be retried", such as {@code The bundle store failed}
     * @param retryable whether another attempt may succeed
     */
    record Failed(ErrorCode code, String sentence, boolean retryable) implements Outcome {
        public Failed {
            requireNonNull(code, "code is null");
            requireNonNull(sentence, "sentence is null");
        }
    }

    /** The vault is closing: the request goes back to the queue, the attempt does not count. */
    record HandedBack() implements Outcome {
    }

    /** The worker lost its lease: someone else owns the request now, leave it alone. */
    record Abandoned() implements Outcome {
    }
}
