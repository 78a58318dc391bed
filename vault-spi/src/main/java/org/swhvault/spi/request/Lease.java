package org.swhvault.spi.request;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The claim a worker holds on a pending request. The worker renews it while it cooks; once it has
 * expired, any vault sharing the request store may take the request over.
 *
 * @param owner who holds the lease (a vault instance id)
 * @param expires when the lease runs out unless renewed
 */
public record Lease(String owner, Instant expires) {
    /** Validates the components. */
    public Lease {
        requireNonNull(owner, "owner is null");
        requireNonNull(expires, "expires is null");
        if (owner.isEmpty()) {
            throw new IllegalArgumentException("owner is empty");
        }
    }

    /**
     * Returns whether the lease has run out at {@code now}.
     *
     * @param now the current time
     * @return true if {@code now} is at or after {@link #expires()}
     */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expires);
    }
}
