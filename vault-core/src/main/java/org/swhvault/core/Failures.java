package org.swhvault.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.store.BundleKey;

/**
 * Sorts what went wrong in a cook into the kinds the vault treats differently, and words each as the one
 * sentence a user reads. Stack traces go to the log, never into a progress message.
 */
final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private static final Pattern SWHID = Pattern.compile("swh:1:(?:cnt|dir|rev|rel|snp):[0-9a-f]{40}");
    private static final int MAX_MESSAGE = 500;

    static final String INTERNAL = "Internal error while cooking; the incident was logged.";
    static final String WORKER_STOPPED = "The worker cooking the bundle stopped";
    static final String OUT_OF_MEMORY = "The vault ran out of memory while cooking this bundle; the operator can "
            + "raise the heap (-Xmx).";

    private Failures() {
    }

    static Outcome.Failed classify(Throwable t, BundleKey key) {
        if (t instanceof VaultException e) {
            return classify(e, key);
        }
        if (t instanceof OutOfMemoryError) {
            // Not retried: the same bundle would exhaust the same heap again.
            LOG.error("Cooking {} ran out of memory; raise the heap (-Xmx)", key, t);
            return new Outcome.Failed(ErrorCode.INTERNAL_ERROR, OUT_OF_MEMORY, false);
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            LOG.warn("Cooking {}: the bundle store failed", key, t);
            return new Outcome.Failed(ErrorCode.STORE_FAILURE, "The bundle store failed", true);
        }
        LOG.error("Cooking {} failed with an unexpected error", key, t);
        return new Outcome.Failed(ErrorCode.INTERNAL_ERROR, INTERNAL, false);
    }

    private static Outcome.Failed classify(VaultException e, BundleKey key) {
        ErrorCode code = e.code();
        switch (code) {
            case OBJECT_NOT_FOUND -> {
                LOG.info("Cooking {}: {}", key, e.getMessage());
                return new Outcome.Failed(code, missingObject(e, key), false);
            }
            case STORE_FAILURE -> {
                LOG.warn("Cooking {}: the bundle store failed", key, e);
                return new Outcome.Failed(code, "The bundle store failed", code.retryable());
            }
            case SOURCE_FAILURE -> {
                LOG.warn("Cooking {}: reading the archive failed", key, e);
                return new Outcome.Failed(code, "Reading the archive failed", code.retryable());
            }
            case NOT_YET_AVAILABLE -> {
                LOG.info("Cooking {}: {}", key, e.getMessage());
                return new Outcome.Failed(code, sentence(e.getMessage()), true);
            }
            case CANCELLED -> {
                LOG.info("Cooking {} was cancelled", key);
                return new Outcome.Failed(code, WORKER_STOPPED, code.retryable());
            }
            case INTERNAL_ERROR -> {
                LOG.error("Cooking {} failed with an internal error", key, e);
                return new Outcome.Failed(code, INTERNAL, false);
            }
            default -> {
                LOG.info("Cooking {} failed: {}", key, e.getMessage(), e);
                return new Outcome.Failed(code, sentence(e.getMessage()), code.retryable());
            }
        }
    }

    /** Names the object that was missing, which is usually one the requested object refers to. */
    private static String missingObject(VaultException e, BundleKey key) {
        Matcher m = SWHID.matcher(e.getMessage());
        String which = m.find() ? m.group() : key.swhid().toString();
        return which + " was not found in the archive (it may not have been replicated to this mirror yet).";
    }

    /**
     * The bundle store failed a caller. A caller whose thread was interrupted is told so ({@code CANCELLED}): NIO
     * channels then fail with an exception without a message, which is no store failure.
     */
    static VaultException storeFailure(IOException e) {
        if (e instanceof ClosedByInterruptException || e instanceof InterruptedIOException
                || Thread.currentThread().isInterrupted()) {
            return new VaultException(ErrorCode.CANCELLED, "Interrupted while using the bundle store.", e);
        }
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new VaultException(ErrorCode.STORE_FAILURE, "The bundle store failed: " + why, e);
    }

    /** The first line of a message, bounded: what a person reads in a status. */
    static String sentence(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            return INTERNAL;
        }
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** {@code cause} is a clause such as "The bundle store failed". */
    static String willRetry(String cause, int nextAttempt, int maxAttempts) {
        return cause + "; the cooking will be retried (attempt " + nextAttempt + " of " + maxAttempts + ").";
    }

    /** An object that has not reached the mirror yet; the cooking waits {@code wait} and tries again. */
    static String waitingFor(String cause, Duration wait) {
        return cause + " The cooking will be tried again in " + human(wait) + ".";
    }

    /** An object that has still not reached the mirror after the horizon. */
    static String stillMissing(String cause, Duration waited) {
        return cause + " It was still missing after waiting " + human(waited)
                + "; request the bundle again to retry.";
    }

    /** A duration as people say it: {@code 40 seconds}, {@code 5 minutes}, {@code 2 hours 30 minutes}. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s == 1 ? "1 second" : s + " seconds";
        }
        long m = (s + 30) / 60;
        if (m < 120) {
            return m + " minutes";
        }
        return m / 60 + " hours" + (m % 60 == 0 ? "" : " " + m % 60 + " minutes");
    }

    static String gaveUp(String cause, int maxAttempts) {
        return cause + " on all " + maxAttempts + " attempts; request the bundle again to retry.";
    }
}
