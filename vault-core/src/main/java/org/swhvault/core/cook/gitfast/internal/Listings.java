package org.swhvault.core.cook.gitfast.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.swhvault.core.cook.internal.Listing;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;

/**
 * Directory listings read through an object source in batches, with a small least-recently-used
 * cache: consecutive commits share most of their changed directories (a commit's new tree is the next
 * commit's old tree), so each is usually read once. Not thread-safe.
 */
final class Listings {
    private final ObjectSource source;
    private final long maxWeight;
    private final LinkedHashMap<ObjectId, Listing> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long weight;

    /**
     * @param maxWeight how many entries, in all, the cache may hold
     */
    Listings(ObjectSource source, long maxWeight) {
        this.source = source;
        this.maxWeight = maxWeight;
    }

    /**
     * Returns the listings of several directories, read from the source in one batch for those not
     * cached.
     *
     * @return a listing for every id, {@link Listing#MISSING} for those the source does not have
     */
    Map<ObjectId, Listing> getAll(Collection<ObjectId> ids) {
        Map<ObjectId, Listing> result = new HashMap<>();
        List<ObjectId> wanted = new ArrayList<>();
        for (ObjectId id : ids) {
            Listing cached = cache.get(id);
            if (cached != null) {
                result.put(id, cached);
            } else if (!result.containsKey(id)) {
                result.put(id, null);
                wanted.add(id);
            }
        }
        if (!wanted.isEmpty()) {
            Map<ObjectId, Directory> read = source.directories(wanted);
            for (ObjectId id : wanted) {
                Directory d = read.get(id);
                Listing listing = d == null ? Listing.MISSING : Listing.of(d);
                result.put(id, listing);
                remember(id, listing);
            }
        }
        return result;
    }

    private void remember(ObjectId id, Listing listing) {
        if (listing.weight() > maxWeight) {
            return;
        }
        Listing old = cache.put(id, listing);
        if (old != null) {
            weight -= old.weight();
        }
        weight += listing.weight();
        var it = cache.values().iterator();
        while (weight > maxWeight && it.hasNext()) {
            weight -= it.next().weight();
            it.remove();
        }
    }
}
