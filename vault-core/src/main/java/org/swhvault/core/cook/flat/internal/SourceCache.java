package org.swhvault.core.cook.flat.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.swhvault.core.cook.internal.Listing;
import org.swhvault.spi.model.Content;
import org.swhvault.spi.model.Directory;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;

/**
 * Directory listings and content metadata read from a source in batches and kept in bounded caches,
 * so that the subtrees many revisions (or one tree) share are listed once while they stay recent.
 * Never more than {@code maxEntries} directory entries and as many content records are held. Used by
 * one thread.
 */
final class SourceCache {
    private final ObjectSource source;
    private final boolean caching;
    private final WeightedLru<ObjectId, Listing> listings;
    private final WeightedLru<ObjectId, Content> contents;

    SourceCache(ObjectSource source, long maxEntries) {
        this.source = source;
        this.caching = maxEntries > 0;
        this.listings = new WeightedLru<>(maxEntries, Listing::weight);
        this.contents = new WeightedLru<>(maxEntries, content -> 1);
    }

    /** Returns a directory's checked listing, empty if the source does not have it. */
    Listing listing(ObjectId id) {
        Listing cached = listings.get(id);
        if (cached != null) {
            return cached;
        }
        Listing listing = source.directory(id).map(Listing::of).orElse(Listing.MISSING);
        if (listing.found()) {
            listings.put(id, listing);
        }
        return listing;
    }

    /** Reads the listings of those of {@code ids} not cached yet in one batch, into the cache. */
    void prefetchListings(List<ObjectId> ids) {
        if (!caching) {
            return;
        }
        List<ObjectId> wanted = new ArrayList<>();
        for (ObjectId id : ids) {
            if (listings.get(id) == null) {
                wanted.add(id);
            }
        }
        if (wanted.size() > 1) {
            for (Map.Entry<ObjectId, Directory> found : source.directories(wanted).entrySet()) {
                listings.put(found.getKey(), Listing.of(found.getValue()));
            }
        }
    }

    /** Returns the metadata of those of {@code ids} the source knows, reading the uncached ones in one batch. */
    Map<ObjectId, Content> contents(List<ObjectId> ids) {
        Map<ObjectId, Content> found = new HashMap<>();
        List<ObjectId> wanted = new ArrayList<>();
        for (ObjectId id : ids) {
            Content cached = contents.get(id);
            if (cached != null) {
                found.put(id, cached);
            } else {
                wanted.add(id);
            }
        }
        if (!wanted.isEmpty()) {
            Map<ObjectId, Content> read = source.contents(wanted);
            contents.putAll(read);
            found.putAll(read);
        }
        return found;
    }
}
