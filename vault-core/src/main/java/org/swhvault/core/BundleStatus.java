package org.swhvault.core;

import java.time.Instant;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * What the vault says about one bundle request, as the HTTP API shows it.
 *
 * @param id the request's stable number (the API's {@code id})
 * @param key the bundle
 * @param state where the request stands
 * @param progressMessage one sentence on the progress, or on the failure when {@link RequestState#FAILED};
 *     never a stack trace
 * @param created when the bundle was first requested
 * @param done when the bundle was cooked, if it is done
 * @param lastAccess when it was last requested or fetched
 * @param sticky whether expiry leaves the bundle alone
 * @param attempts how many times cooking started since the bundle was last requested
 * @param failure the kind of failure of the last attempt, if it failed: {@link ErrorCode#OBJECT_NOT_FOUND},
 *     {@link ErrorCode#BUNDLE_TOO_LARGE}, {@link ErrorCode#STORE_FAILURE}, {@link ErrorCode#INTERNAL_ERROR}…
 */
public record BundleStatus(
        long id,
        BundleKey key,
        RequestState state,
        Optional<String> progressMessage,
        Instant created,
        Optional<Instant> done,
        Instant lastAccess,
        boolean sticky,
        int attempts,
        Optional<ErrorCode> failure) {

    /** Validates the components. */
    public BundleStatus {
        requireNonNull(key, "key is null");
        requireNonNull(state, "state is null");
        requireNonNull(progressMessage, "progressMessage is null");
        requireNonNull(created, "created is null");
        requireNonNull(done, "done is null");
        requireNonNull(lastAccess, "lastAccess is null");
        requireNonNull(failure, "failure is null");
    }

    /**
     * Returns the status a request row shows.
     *
     * @param row the row
     * @return its status
     */
    public static BundleStatus of(BundleRequest row) {
        return new BundleStatus(row.id(), row.key(), row.state(), row.progressMessage(), row.created(), row.done(),
                row.lastAccess(), row.sticky(), row.attempts(), row.failure());
    }

    /** Returns the bundle type. */
    public BundleType type() {
        return key.type();
    }

    /** Returns the SWHID of the cooked object. */
    public Swhid swhid() {
        return key.swhid();
    }
}
