package org.swhvault.source.swhpg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.swhvault.spi.model.ObjectId;

/**
 * The ids most recently found in the archive or written to it, at most a fixed number (least recently used
 * forgotten first): objects shared by many directories or commits are looked up in the database once, in bounded
 * memory. An id it has forgotten is simply looked up again. Not thread-safe.
 */
final class KnownIds {
    private final Map<ObjectId, Boolean> ids;

    KnownIds(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectId, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    void addAll(Collection<ObjectId> found) {
        for (ObjectId id : found) {
            ids.put(id, Boolean.TRUE);
        }
    }

    /** The ids of {@code candidates} not known to be in the archive, in order. */
    List<ObjectId> unknown(Collection<ObjectId> candidates) {
        List<ObjectId> out = new ArrayList<>();
        for (ObjectId id : candidates) {
            if (ids.get(id) == null) {
                out.add(id);
            }
        }
        return out;
    }
}
