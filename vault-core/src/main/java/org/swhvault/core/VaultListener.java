package org.swhvault.core;

import java.util.List;

/**
 * Hears about cooking as it happens: the hook where a host sends the notification e-mails the reference
 * vault sends (see {@link NotificationMail}), updates metrics, or logs. Every method has a no-op default.
 *
 * <p>Methods are called on the thread that cooks (or, for an already cooked bundle, on the thread that
 * requests it): return quickly, and hand slow work (SMTP) to an executor of your own. An exception or error
 * thrown by a listener (an {@link AssertionError}, a {@link NoClassDefFoundError}…) is logged and otherwise
 * ignored: the other listeners are still called and the cook goes on; only the JVM's
 * {@link VirtualMachineError}s, such as running out of memory, are not caught.
 */
public interface VaultListener {
    /**
     * Called when a cook reports progress, at most about once a second per bundle, and when a failed attempt
     * is going to be retried.
     *
     * @param status the bundle's status, holding the new progress message
     */
    default void onProgress(BundleStatus status) {
    }

    /**
     * Called once a bundle is cooked and in the store, or when an address asks to be notified about a bundle
     * that is already cooked.
     *
     * @param status the bundle's status, {@code done}
     * @param notifyEmails the addresses that asked to be notified (possibly none); the vault forgets them
     *     after this call, whatever the listener does
     */
    default void onDone(BundleStatus status, List<String> notifyEmails) {
    }

    /**
     * Called once cooking a bundle has failed for good (retries included).
     *
     * @param status the bundle's status, {@code failed}, whose progress message says why
     * @param notifyEmails the addresses that asked to be notified (possibly none); the vault forgets them
     *     after this call
     */
    default void onFailed(BundleStatus status, List<String> notifyEmails) {
    }

    /**
     * Called when an attempt at cooking a bundle ends, however it ends, and when this vault takes over the
     * request of a worker that died: what metrics count (cooks by outcome, durations, bytes, take-overs).
     *
     * @param attempt how it ended
     */
    default void onAttemptEnded(CookAttempt attempt) {
    }
}
