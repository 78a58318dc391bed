package org.swhvault.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.swhvault.spi.request.RequestState;

/**
 * The status of a batch of bundles requested together. Bundles of the batch that were evicted since
 * are left out, as the reference vault does.
 *
 * @param id the batch's id
 * @param bundles the status of each bundle of the batch still known, in request order
 * @param counts how many of {@code bundles} are in each state; every state is a key
 */
public record BatchStatus(long id, List<BundleStatus> bundles, Map<RequestState, Integer> counts) {
    /** Copies the components. */
    public BatchStatus {
        bundles = List.copyOf(bundles);
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /**
     * Returns the status of a batch, counting its bundles per state.
     *
     * @param id the batch's id
     * @param bundles the status of its bundles
     * @return the status
     */
    public static BatchStatus of(long id, List<BundleStatus> bundles) {
        Map<RequestState, Integer> counts = new EnumMap<>(RequestState.class);
        for (RequestState state : RequestState.values()) {
            counts.put(state, 0);
        }
        for (BundleStatus status : bundles) {
            counts.merge(status.state(), 1, Integer::sum);
        }
        return new BatchStatus(id, bundles, counts);
    }

    /**
     * Returns how many bundles of the batch are in a state.
     *
     * @param state the state
     * @return the count
     */
    public int count(RequestState state) {
        return counts.getOrDefault(state, 0);
    }
}
