package org.swhvault.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.store.BundleInfo;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;

/**
 * Applies an {@link ExpiryPolicy}: evicts done bundles that are too old or idle too long, then, while the
 * store holds too much, bundles no request knows of (oldest first) and the least recently used done
 * bundles. Sticky bundles stay. A bundle is deleted from the store before its request, so a concurrent
 * request sees at worst a done request without a bundle, which it cooks again.
 */
final class Expirer {
    private static final Logger LOG = LoggerFactory.getLogger(Expirer.class);

    private final RequestStore requests;
    private final BundleStore store;
    private final Clock clock;

    Expirer(VaultSettings settings) {
        this.requests = settings.requestStore();
        this.store = settings.store();
        this.clock = settings.clock();
    }

    synchronized ExpiryReport run(ExpiryPolicy policy) {
        Instant now = clock.instant();
        Map<BundleKey, BundleInfo> stored = listStore();
        List<BundleKey> evicted = new ArrayList<>();
        long freed = 0;
        List<BundleRequest> keep = new ArrayList<>();
        for (BundleRequest row : requests.list(RequestState.DONE)) {
            BundleInfo info = stored.get(row.key());
            if (info == null || row.sticky()) {
                continue;
            }
            boolean old = policy.maxAge().isPresent() && row.done().isPresent()
                    && !row.done().get().plus(policy.maxAge().get()).isAfter(now);
            boolean idle = policy.maxIdle().isPresent() && !lastUse(row).plus(policy.maxIdle().get()).isAfter(now);
            if ((old || idle) && evict(row, info)) {
                evicted.add(row.key());
                freed += info.size();
                stored.remove(row.key());
            } else {
                keep.add(row);
            }
        }
        List<BundleInfo> orphans = new ArrayList<>();
        for (BundleInfo info : List.copyOf(stored.values())) {
            if (requests.get(info.key()).isEmpty()) {
                boolean old = policy.maxAge().isPresent() && !info.created().plus(policy.maxAge().get()).isAfter(now);
                if (old && deleteBundle(info.key())) {
                    evicted.add(info.key());
                    freed += info.size();
                    stored.remove(info.key());
                } else {
                    orphans.add(info);
                }
            }
        }
        long total = stored.values().stream().mapToLong(BundleInfo::size).sum();
        if (policy.maxTotalSize().isPresent() && total > policy.maxTotalSize().getAsLong()) {
            long max = policy.maxTotalSize().getAsLong();
            orphans.sort(Comparator.comparing(BundleInfo::created));
            for (BundleInfo info : orphans) {
                if (total <= max) {
                    break;
                }
                if (requests.get(info.key()).isEmpty() && deleteBundle(info.key())) {
                    evicted.add(info.key());
                    freed += info.size();
                    total -= info.size();
                }
            }
            keep.sort(Comparator.comparing(Expirer::lastUse).thenComparingLong(BundleRequest::id));
            for (BundleRequest row : keep) {
                if (total <= max) {
                    break;
                }
                BundleInfo info = stored.get(row.key());
                if (evict(row, info)) {
                    evicted.add(row.key());
                    freed += info.size();
                    total -= info.size();
                }
            }
        }
        if (!evicted.isEmpty()) {
            LOG.info("Expiry evicted {} bundles ({} bytes); the store holds {} bytes", evicted.size(), freed, total);
        }
        return new ExpiryReport(evicted, freed, total);
    }

    /** A bundle cooked long after it was requested has been idle only since it was cooked. */
    private static Instant lastUse(BundleRequest row) {
        Instant done = row.done().orElse(Instant.MIN);
        return done.isAfter(row.lastAccess()) ? done : row.lastAccess();
    }

    /** Evicts a done bundle unless its request changed since it was read. */
    private boolean evict(BundleRequest row, BundleInfo info) {
        Optional<BundleRequest> current = requests.get(row.id());
        if (current.isEmpty() || current.get().version() != row.version()) {
            return false;
        }
        if (!deleteBundle(info.key())) {
            return false;
        }
        requests.delete(row);
        return true;
    }

    private boolean deleteBundle(BundleKey key) {
        try {
            store.delete(key);
            return true;
        } catch (IOException e) {
            LOG.warn("Expiry cannot delete {} from the store", key, e);
            return false;
        }
    }

    private Map<BundleKey, BundleInfo> listStore() {
        Map<BundleKey, BundleInfo> stored = new HashMap<>();
        try (Stream<BundleInfo> infos = store.list()) {
            infos.forEach(info -> stored.put(info.key(), info));
        } catch (IOException e) {
            throw Failures.storeFailure(e);
        }
        return stored;
    }
}
