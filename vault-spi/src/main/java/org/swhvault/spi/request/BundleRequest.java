package org.swhvault.spi.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.store.BundleKey;

import static java.util.Objects.requireNonNull;

/**
 * One row of a {@link RequestStore}: everything the vault knows about the request for one bundle.
 * There is at most one row per {@link BundleKey}. Rows are changed with compare-and-set on
 * {@link #version()}; use {@link #toBuilder()} to derive the next value.
 *
 * @param id the stable number of the request, unique in its store, at least 1 (the HTTP API's {@code id})
 * @param key the requested bundle
 * @param version the row's version, 0 when created; the store increments it on every change
 * @param state where the request stands
 * @param progressMessage one sentence on the progress, or on the failure when failed
 * @param failure what kind of failure made the last attempt fail, if it failed
 * @param attempts how many times a worker started cooking since the request was (re)made
 * @param created when the request was first made
 * @param done when the bundle was last cooked, present only when {@link RequestState#DONE}
 * @param lastAccess when the request was made or the bundle fetched, whichever is latest
 * @param sticky whether expiry must leave the bundle alone
 * @param lease the worker's claim, present exactly when {@link RequestState#PENDING}
 * @param retryAt the earliest time a new attempt may start, when a failed attempt is waiting to be retried
 * @param notifyEmails the addresses to notify when cooking ends; the vault clears them once notified
 */
public record BundleRequest(
        long id,
        BundleKey key,
        long version,
        RequestState state,
        Optional<String> progressMessage,
        Optional<ErrorCode> failure,
        int attempts,
        Instant created,
        Optional<Instant> done,
        Instant lastAccess,
        boolean sticky,
        Optional<Lease> lease,
        Optional<Instant> retryAt,
        List<String> notifyEmails) {

    /** Validates the components and copies the list. */
    public BundleRequest {
        requireNonNull(key, "key is null");
        requireNonNull(state, "state is null");
        requireNonNull(progressMessage, "progressMessage is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(created, "created is null");
        requireNonNull(done, "done is null");
        requireNonNull(lastAccess, "lastAccess is null");
        requireNonNull(lease, "lease is null");
        requireNonNull(retryAt, "retryAt is null");
        notifyEmails = List.copyOf(notifyEmails);
        if (id < 1) {
            throw new IllegalArgumentException("id must be at least 1, got " + id);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must be non-negative, got " + version);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be non-negative, got " + attempts);
        }
        if (lease.isPresent() != (state == RequestState.PENDING)) {
            throw new IllegalArgumentException("a lease is held exactly while pending, but state is " + state
                    + " and lease is " + lease);
        }
        if (done.isPresent() && state != RequestState.DONE) {
            throw new IllegalArgumentException("only a done request has a done time, but state is " + state);
        }
    }

    /**
     * Returns a fresh request: {@link RequestState#NEW}, version 0, no progress, not sticky.
     *
     * @param id the request's number
     * @param key the bundle
     * @param now the creation time, also the first access time
     * @return the row
     */
    public static BundleRequest create(long id, BundleKey key, Instant now) {
        return new BundleRequest(id, key, 0, RequestState.NEW, Optional.empty(), Optional.empty(), 0, now,
                Optional.empty(), now, false, Optional.empty(), Optional.empty(), List.of());
    }

    /** Returns a builder holding this row's values, to derive a changed row from. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Derives a changed {@link BundleRequest}. The id, key and creation time cannot change; the version is
     * set by the store. Not thread-safe.
     */
    public static final class Builder {
        private final BundleRequest base;
        private long version;
        private RequestState state;
        private Optional<String> progressMessage;
        private Optional<ErrorCode> failure;
        private int attempts;
        private Optional<Instant> done;
        private Instant lastAccess;
        private boolean sticky;
        private Optional<Lease> lease;
        private Optional<Instant> retryAt;
        private List<String> notifyEmails;

        private Builder(BundleRequest base) {
            this.base = base;
            this.version = base.version;
            this.state = base.state;
            this.progressMessage = base.progressMessage;
            this.failure = base.failure;
            this.attempts = base.attempts;
            this.done = base.done;
            this.lastAccess = base.lastAccess;
            this.sticky = base.sticky;
            this.lease = base.lease;
            this.retryAt = base.retryAt;
            this.notifyEmails = base.notifyEmails;
        }

        /**
         * Sets the version; stores call this, the vault does not need to.
         *
         * @param version the version
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Sets the state.
         *
         * @param state the state
         * @return this builder
         */
        public Builder state(RequestState state) {
            this.state = requireNonNull(state, "state is null");
            return this;
        }

        /**
         * Sets the progress message.
         *
         * @param message the message, or empty for none
         * @return this builder
         */
        public Builder progressMessage(Optional<String> message) {
            this.progressMessage = requireNonNull(message, "message is null");
            return this;
        }

        /**
         * Sets the kind of the last failure.
         *
         * @param failure the failure, or empty for none
         * @return this builder
         */
        public Builder failure(Optional<ErrorCode> failure) {
            this.failure = requireNonNull(failure, "failure is null");
            return this;
        }

        /**
         * Sets the number of attempts.
         *
         * @param attempts the number
         * @return this builder
         */
        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        /**
         * Sets the time the bundle was cooked.
         *
         * @param done the time, or empty
         * @return this builder
         */
        public Builder done(Optional<Instant> done) {
            this.done = requireNonNull(done, "done is null");
            return this;
        }

        /**
         * Sets the last access time.
         *
         * @param lastAccess the time
         * @return this builder
         */
        public Builder lastAccess(Instant lastAccess) {
            this.lastAccess = requireNonNull(lastAccess, "lastAccess is null");
            return this;
        }

        /**
         * Sets whether expiry leaves the bundle alone.
         *
         * @param sticky the flag
         * @return this builder
         */
        public Builder sticky(boolean sticky) {
            this.sticky = sticky;
            return this;
        }

        /**
         * Sets the lease.
         *
         * @param lease the lease, or empty
         * @return this builder
         */
        public Builder lease(Optional<Lease> lease) {
            this.lease = requireNonNull(lease, "lease is null");
            return this;
        }

        /**
         * Sets the earliest time of the next attempt.
         *
         * @param retryAt the time, or empty for at once
         * @return this builder
         */
        public Builder retryAt(Optional<Instant> retryAt) {
            this.retryAt = requireNonNull(retryAt, "retryAt is null");
            return this;
        }

        /**
         * Sets the addresses to notify.
         *
         * @param emails the addresses
         * @return this builder
         */
        public Builder notifyEmails(List<String> emails) {
            this.notifyEmails = List.copyOf(emails);
            return this;
        }

        /**
         * Adds an address to notify, unless it is already there.
         *
         * @param email the address
         * @return this builder
         */
        public Builder addNotifyEmail(String email) {
            requireNonNull(email, "email is null");
            if (!notifyEmails.contains(email)) {
                List<String> more = new ArrayList<>(notifyEmails);
                more.add(email);
                notifyEmails = more;
            }
            return this;
        }

        /**
         * Returns the row.
         *
         * @return the row
         * @throws IllegalArgumentException if the values break a rule of {@link BundleRequest}
         */
        public BundleRequest build() {
            return new BundleRequest(base.id, base.key, version, state, progressMessage, failure, attempts,
                    base.created, done, lastAccess, sticky, lease, retryAt, notifyEmails);
        }
    }
}
