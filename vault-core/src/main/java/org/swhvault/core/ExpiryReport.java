package org.swhvault.core;

import java.util.List;

import org.swhvault.spi.store.BundleKey;

/**
 * What one expiry run did.
 *
 * @param evicted the bundles removed from the store; they now read as never requested
 * @param freedBytes the bytes they held
 * @param remainingBytes the bytes the store still holds
 */
public record ExpiryReport(List<BundleKey> evicted, long freedBytes, long remainingBytes) {
    /** Copies the list. */
    public ExpiryReport {
        evicted = List.copyOf(evicted);
    }
}
