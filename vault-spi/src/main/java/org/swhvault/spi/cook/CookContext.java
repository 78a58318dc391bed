package org.swhvault.spi.cook;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/**
 * What a running cook reports to and asks of its caller: progress, and whether to stop. Thread-safe.
 */
public interface CookContext {
    /**
     * Reports progress. Cheap to call often: implementations throttle what they forward.
     *
     * @param message one short sentence a person can read, such as {@code Writing objects}
     * @param done units of work done so far
     * @param total units of work in all, or -1 when unknown
     */
    void progress(String message, long done, long total);

    /** Returns whether the caller asked the cook to stop. */
    boolean isCancelled();

    /**
     * Throws if the caller asked the cook to stop. Cookers call this between units of work.
     *
     * @throws VaultException with {@link ErrorCode#CANCELLED} if cancelled
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new VaultException(ErrorCode.CANCELLED, "The cooking was cancelled.");
        }
    }

    /** Returns a context that ignores progress and is never cancelled. */
    static CookContext silent() {
        return new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
