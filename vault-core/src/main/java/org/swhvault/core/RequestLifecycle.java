package org.swhvault.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;

import static org.swhvault.spi.request.RequestState.DONE;
import static org.swhvault.spi.request.RequestState.FAILED;
import static org.swhvault.spi.request.RequestState.NEW;
import static org.swhvault.spi.request.RequestState.PENDING;

/**
 * The request state machine, all of it: the row each transition starts from, the row it makes, what an
 * attempt's {@link Outcome} leads to, and which listeners hear of it. A request moves
 * {@code new → pending → done | failed}:
 *
 * <pre>
 * claim        new, its retry time passed        → pending, leased to the worker, one more attempt
 * done         pending, leased to the worker     → done
 * hand back    pending, leased to the worker     → new, the attempt not counted (the vault closes)
 * retry later  pending, leased to the worker     → new with a retry time (retryable failure, attempts left)
 * fail         pending, leased to the worker     → failed (any other failure)
 * take over    pending, with the lease as read   → new at once, or failed once the attempts are used up
 * restart      failed, or done without a bundle  → new, attempts counted from zero
 * </pre>
 *
 * Every change, transitions and updates within a state alike, is one compare-and-set of one row: a guard on
 * the row as read (state, lease owner, version) and the next row made from it. On a conflict the row is read
 * again and the guard checked again, so the rules hold when several vaults share one request store. Returns
 * the row as stored, or empty when the guard no longer holds. Thread-safe.
 */
final class RequestLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLifecycle.class);
    /** One line per bundle cooked, for operators: {@value #COOKS_LOGGER}. */
    static final String COOKS_LOGGER = "org.swhvault.cooks";
    private static final Logger COOKS = LoggerFactory.getLogger(COOKS_LOGGER);
    /** The reference vault's progress message while a bundle cooks. */
    static final String PROCESSING = "Processing...";

    private final RequestStore requests;
    private final Clock clock;
    private final Duration leaseDuration;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration availabilityHorizon;
    private final Listeners listeners;
    private final Completions completions;

    RequestLifecycle(VaultSettings settings, Listeners listeners, Completions completions) {
        this.requests = settings.requestStore();
        this.clock = settings.clock();
        this.leaseDuration = settings.leaseDuration();
        this.maxAttempts = settings.maxAttempts();
        this.retryBackoff = settings.retryBackoff();
        this.availabilityHorizon = settings.availabilityHorizon();
        this.listeners = listeners;
        this.completions = completions;
    }

    /**
     * What a worker got when it tried to claim a bundle.
     *
     * @param claimed the row, now pending and leased to the worker
     * @param waiting the row, still new, when the request waits for its retry time
     */
    record Claim(Optional<BundleRequest> claimed, Optional<BundleRequest> waiting) {
        /** When the request waits for its retry time: that time. */
        Optional<Instant> notBefore() {
            return waiting.flatMap(BundleRequest::retryAt);
        }
    }

    /** Claims a new request whose retry time, if any, has come. */
    Claim claim(BundleKey key, String owner) {
        return claim(key, owner, Optional.empty());
    }

    /**
     * Claims a new request whose retry time, if any, has come, starting from {@code known}, the row the
     * request was queued with, if it is new: the store is read only if the row changed since.
     */
    Claim claim(BundleKey key, String owner, Optional<BundleRequest> known) {
        Instant now = clock.instant();
        Optional<BundleRequest> hint = known.filter(r -> r.key().equals(key) && r.state() == NEW);
        if (hint.isPresent()) {
            Claim claim = claimRow(hint.get(), owner, now);
            if (claim.claimed().isPresent() || claim.waiting().isPresent()) {
                return claim;
            }
            // changed since: deleted and created again, say, under another id; look the bundle up
        }
        return requests.get(key).filter(r -> r.state() == NEW).map(r -> claimRow(r, owner, now))
                .orElse(new Claim(Optional.empty(), Optional.empty()));
    }

    private Claim claimRow(BundleRequest row, String owner, Instant now) {
        if (waiting(row, now)) {
            return new Claim(Optional.empty(), Optional.of(row));
        }
        Lease lease = new Lease(owner, now.plus(leaseDuration));
        return new Claim(update(row, r -> r.state() == NEW && !waiting(r, now), r -> r.toBuilder()
                .state(PENDING)
                .lease(Optional.of(lease))
                .attempts(r.attempts() + 1)
                .progressMessage(Optional.of(PROCESSING))
                .failure(Optional.empty())
                .retryAt(Optional.empty())
                .build()).map(Transition::after), Optional.empty());
    }

    /**
     * Returns the row of a bundle or, if there is none, begins to create it already claimed by the worker
     * {@code owner} (in one write where the store can), after {@code beforeCreating}: the request then needs no
     * hand-off to a worker, and no other vault is told of new work. The caller commits or aborts the creation.
     */
    RowCreation beginClaimed(BundleKey key, String owner, Runnable beforeCreating) {
        Instant now = clock.instant();
        Lease lease = new Lease(owner, now.plus(leaseDuration));
        return requests.beginCreate(key, now, r -> r.toBuilder()
                .state(PENDING)
                .lease(Optional.of(lease))
                .attempts(1)
                .progressMessage(Optional.of(PROCESSING))
                .build(), beforeCreating);
    }

    /** Returns whether {@code row} is pending under the lease of the worker {@code owner}. */
    static boolean claimedBy(BundleRequest row, String owner) {
        return heldBy(row, owner);
    }

    private static boolean waiting(BundleRequest row, Instant now) {
        return row.retryAt().isPresent() && now.isBefore(row.retryAt().get());
    }

    /**
     * Records how the attempt of the worker {@code owner} ended: done → done; a retryable failure with
     * attempts left → retried later with back-off; any other failure → failed; handed back → new, the
     * attempt not counted; abandoned (the lease was lost) → nothing, the row is someone else's.
     *
     * @return the row as left, or empty if nothing changed
     */
    Optional<BundleRequest> finish(BundleRequest row, String owner, Outcome outcome, Duration took) {
        Predicate<BundleRequest> ours = r -> heldBy(r, owner);
        Optional<BundleRequest> after = Optional.empty();
        CookAttempt.Outcome reported = CookAttempt.Outcome.ABANDONED;
        Optional<ErrorCode> failure = Optional.empty();
        long bytes = 0;
        if (outcome instanceof Outcome.Done d) {
            after = done(row, ours);
            if (after.isPresent()) {
                reported = CookAttempt.Outcome.DONE;
                bytes = d.info().size();
            }
        } else if (outcome instanceof Outcome.Failed failed) {
            after = failed(row, ours, failed, Optional.of(backoff(row.attempts())));
            if (after.isPresent()) {
                reported = after.get().state() == NEW ? CookAttempt.Outcome.RETRIED : CookAttempt.Outcome.FAILED;
                failure = Optional.of(failed.code());
            }
        } else if (outcome instanceof Outcome.HandedBack) {
            after = update(row, ours, r -> r.toBuilder()
                    .state(NEW)
                    .lease(Optional.empty())
                    .attempts(Math.max(0, r.attempts() - 1))
                    .progressMessage(Optional.empty())
                    .build()).map(Transition::after);
            if (after.isPresent()) {
                reported = CookAttempt.Outcome.HANDED_BACK;
            }
        }
        listeners.attemptEnded(new CookAttempt(row.key(), reported, failure, took, bytes));
        return after;
    }

    /**
     * Takes over a pending request whose worker is gone, counted as a failed attempt: back to new at once, or
     * failed once the attempts are used up. Does nothing if the lease changed since {@code row} was read.
     */
    Optional<BundleRequest> takeOver(BundleRequest row) {
        LOG.info("Taking over {} from {} (attempt {} of {})", row.key(),
                row.lease().map(Lease::owner).orElse("nobody"), row.attempts(), maxAttempts);
        Optional<BundleRequest> after = failed(row, r -> r.state() == PENDING && r.lease().equals(row.lease()),
                new Outcome.Failed(ErrorCode.CANCELLED, Failures.WORKER_STOPPED, true), Optional.empty());
        after.ifPresent(r -> listeners.attemptEnded(new CookAttempt(row.key(), CookAttempt.Outcome.TAKEN_OVER,
                Optional.of(ErrorCode.CANCELLED), Duration.ZERO, 0)));
        return after;
    }

    /**
     * Starts a failed request, or a done one whose bundle left the store, over under the same id, adding an
     * address to notify. Does nothing if the row changed since it was read.
     */
    Optional<BundleRequest> restart(BundleRequest row, Optional<String> notify) {
        Instant now = clock.instant();
        return update(row, r -> r.version() == row.version() && r.state().isFinal(), r -> {
            BundleRequest.Builder b = r.toBuilder()
                    .state(NEW)
                    .done(Optional.empty())
                    .attempts(0)
                    .failure(Optional.empty())
                    .progressMessage(Optional.empty())
                    .retryAt(Optional.empty())
                    .lastAccess(now);
            notify.ifPresent(b::addNotifyEmail);
            return b.build();
        }).map(Transition::after);
    }

    /** Extends the lease of the worker {@code owner}, saving its latest progress; empty if it lost the lease. */
    Optional<BundleRequest> renew(BundleRequest row, String owner, Optional<String> progress) {
        Lease lease = new Lease(owner, clock.instant().plus(leaseDuration));
        return update(row, r -> heldBy(r, owner), r -> r.toBuilder()
                .lease(Optional.of(lease))
                .progressMessage(progress.isPresent() ? progress : r.progressMessage())
                .build()).map(Transition::after);
    }

    /** Saves the progress of the worker {@code owner} and tells the listeners; empty if it lost the lease. */
    Optional<BundleRequest> progress(BundleRequest row, String owner, String text) {
        Optional<BundleRequest> saved = update(row, r -> heldBy(r, owner),
                r -> r.toBuilder().progressMessage(Optional.of(text)).build()).map(Transition::after);
        saved.ifPresent(r -> listeners.progress(BundleStatus.of(r)));
        return saved;
    }

    /** Adds an address to notify when cooking ends; does nothing if the row changed since it was read. */
    Optional<BundleRequest> addEmail(BundleRequest row, String email) {
        return update(row, r -> r.version() == row.version(), r -> r.toBuilder().addNotifyEmail(email).build())
                .map(Transition::after);
    }

    /** Records a fetch of a done bundle: expiry by idle time counts from the latest. */
    void touch(BundleRequest row) {
        Instant now = clock.instant();
        update(row, r -> r.state() == DONE, r -> r.toBuilder()
                .lastAccess(now.isAfter(r.lastAccess()) ? now : r.lastAccess())
                .build());
    }

    /** Marks a bundle sticky (never expired) or not; false if its request is gone. */
    boolean setSticky(BundleRequest row, boolean sticky) {
        return update(row, r -> true, r -> r.toBuilder().sticky(sticky).build()).isPresent();
    }

    private Optional<BundleRequest> done(BundleRequest row, Predicate<BundleRequest> ours) {
        Instant now = clock.instant();
        Optional<Transition> t = update(row, ours, r -> r.toBuilder()
                .state(DONE)
                .done(Optional.of(now))
                .progressMessage(Optional.empty())
                .failure(Optional.empty())
                .lease(Optional.empty())
                .notifyEmails(List.of())
                .build());
        t.ifPresentOrElse(x -> {
            COOKS.info("Cooked {} (attempt {})", row.key(), x.after().attempts());
            listeners.done(BundleStatus.of(x.after()), x.before().notifyEmails());
        },
                () -> LOG.info("Cooked {}, but another worker took the request over meanwhile", row.key()));
        return t.map(Transition::after);
    }

    /**
     * The outcome mapping of a failed attempt: retried after {@code wait} (at once if empty) while the failure
     * is retryable and attempts are left, failed for good otherwise.
     */
    private Optional<BundleRequest> failed(BundleRequest row, Predicate<BundleRequest> guard, Outcome.Failed failed,
            Optional<Duration> wait) {
        Optional<ErrorCode> code = Optional.of(failed.code());
        if (failed.code() == ErrorCode.NOT_YET_AVAILABLE) {
            return notYetAvailable(row, guard, failed);
        }
        if (failed.retryable() && row.attempts() < maxAttempts) {
            Optional<Instant> retryAt = wait.map(clock.instant()::plus);
            String message = Failures.willRetry(failed.sentence(), row.attempts() + 1, maxAttempts);
            Optional<Transition> t = update(row, guard, r -> r.toBuilder()
                    .state(NEW)
                    .lease(Optional.empty())
                    .retryAt(retryAt)
                    .progressMessage(Optional.of(message))
                    .failure(code)
                    .build());
            t.ifPresent(x -> listeners.progress(BundleStatus.of(x.after())));
            return t.map(Transition::after);
        }
        String message = failed.retryable() ? Failures.gaveUp(failed.sentence(), maxAttempts) : failed.sentence();
        Optional<Transition> t = update(row, guard, r -> r.toBuilder()
                .state(FAILED)
                .lease(Optional.empty())
                .retryAt(Optional.empty())
                .progressMessage(Optional.of(message))
                .failure(code)
                .notifyEmails(List.of())
                .build());
        t.ifPresent(x -> listeners.failed(BundleStatus.of(x.after()), x.before().notifyEmails()));
        return t.map(Transition::after);
    }

    /**
     * An object the bundle needs has not reached the mirror yet: tried again after the back-off of this attempt,
     * whatever the attempts, as long as the waits so far and this one add up to no more than the horizon.
     */
    private Optional<BundleRequest> notYetAvailable(BundleRequest row, Predicate<BundleRequest> guard,
            Outcome.Failed failed) {
        Duration wait = backoff(row.attempts());
        if (isLastWait(row)) {
            String message = Failures.stillMissing(failed.sentence(), waitedBefore(row));
            Optional<Transition> t = update(row, guard, r -> r.toBuilder()
                    .state(FAILED)
                    .lease(Optional.empty())
                    .retryAt(Optional.empty())
                    .progressMessage(Optional.of(message))
                    .failure(Optional.of(failed.code()))
                    .notifyEmails(List.of())
                    .build());
            t.ifPresent(x -> listeners.failed(BundleStatus.of(x.after()), x.before().notifyEmails()));
            return t.map(Transition::after);
        }
        String message = Failures.waitingFor(failed.sentence(), wait);
        Optional<Transition> t = update(row, guard, r -> r.toBuilder()
                .state(NEW)
                .lease(Optional.empty())
                .retryAt(Optional.of(clock.instant().plus(wait)))
                .progressMessage(Optional.of(message))
                .failure(Optional.of(failed.code()))
                .build());
        t.ifPresent(x -> listeners.progress(BundleStatus.of(x.after())));
        return t.map(Transition::after);
    }

    /**
     * Whether the attempt that claimed {@code row} is the last one that may wait for objects that have not
     * reached the mirror: the waits before it and after it would add up to more than the horizon. Such an
     * attempt cooks a content that has not arrived as the reference's placeholder, and fails if a directory,
     * revision or release has not.
     */
    boolean isLastWait(BundleRequest row) {
        return waitedBefore(row).plus(backoff(row.attempts())).compareTo(availabilityHorizon) > 0;
    }

    /** The back-offs waited before the attempt that claimed {@code row}. */
    private Duration waitedBefore(BundleRequest row) {
        Duration waited = Duration.ZERO;
        for (int i = 1; i < row.attempts(); i++) {
            waited = waited.plus(backoff(i));
        }
        return waited;
    }

    /** The first retry waits the configured back-off, each next one twice as long, at most an hour. */
    private Duration backoff(int failedAttempts) {
        Duration d = retryBackoff;
        for (int i = 1; i < failedAttempts && d.compareTo(VaultSettings.MAX_RETRY_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(VaultSettings.MAX_RETRY_BACKOFF) < 0 ? d : VaultSettings.MAX_RETRY_BACKOFF;
    }

    private static boolean heldBy(BundleRequest r, String owner) {
        return r.state() == RequestState.PENDING && r.lease().map(Lease::owner).orElse("").equals(owner);
    }

    /** A row before and after a successful compare-and-set. */
    private record Transition(BundleRequest before, BundleRequest after) {
    }

    /** Applies {@code change} while the row satisfies {@code applies}, reading it again after a conflict. */
    private Optional<Transition> update(BundleRequest row, Predicate<BundleRequest> applies,
            UnaryOperator<BundleRequest> change) {
        BundleRequest current = row;
        while (current != null && applies.test(current)) {
            Optional<BundleRequest> stored = requests.compareAndSet(current, change.apply(current));
            if (stored.isPresent()) {
                completions.signalIfFinal(stored.get());
                return Optional.of(new Transition(current, stored.get()));
            }
            current = requests.get(current.id()).orElse(null);
        }
        return Optional.empty();
    }
}
