package org.swhvault.source.swhrpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.source.HistoryWalk;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * A revision log read through swh-storage's RPC: the graph from one {@code revision_log} answer (parents only,
 * plus a bounded number of whole revisions), listed in {@link HistoryWalk}'s order, the revisions not kept read
 * again in batches as the stream is consumed. The order is the git source's for the same graph.
 */
final class RevisionLog {
    private final SwhStorageRpcSource source;
    private final ObjectId head;
    private final int keep;
    private final int batchSize;

    RevisionLog(SwhStorageRpcSource source, ObjectId head, int keep, int batchSize) {
        this.source = source;
        this.head = head;
        this.keep = keep;
        this.batchSize = batchSize;
    }

    Stream<Revision> stream() {
        Map<ObjectId, List<ObjectId>> parents = new HashMap<>();
        Map<ObjectId, Revision> kept = new HashMap<>();
        source.readLog(head, r -> {
            parents.put(r.id(), r.parents());
            if (kept.size() < keep) {
                kept.put(r.id(), r);
            }
        });
        if (!parents.containsKey(head)) {
            throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, Swhid.of(ObjectType.REVISION, head)
                    + " is not in the archive at " + source + ".");
        }
        // Each revision's parents are asked for once, so the graph can be handed over as it is asked for.
        Iterator<ObjectId> order = HistoryWalk.stream(head, parents::remove, id -> id).iterator();
        return StreamSupport.stream(new Batches(order, kept), false);
    }

    /** The revisions in order, those not kept read {@code batchSize} at a time. */
    private final class Batches extends Spliterators.AbstractSpliterator<Revision> {
        private final Iterator<ObjectId> order;
        private final Map<ObjectId, Revision> kept;
        private final ArrayDeque<Revision> ready = new ArrayDeque<>();

        Batches(Iterator<ObjectId> order, Map<ObjectId, Revision> kept) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL);
            this.order = order;
            this.kept = kept;
        }

        @Override
        public boolean tryAdvance(Consumer<? super Revision> action) {
            if (ready.isEmpty()) {
                List<ObjectId> next = new ArrayList<>();
                while (next.size() < batchSize && order.hasNext()) {
                    next.add(order.next());
                }
                List<ObjectId> missing = next.stream().filter(id -> !kept.containsKey(id)).toList();
                Map<ObjectId, Revision> read = missing.isEmpty() ? Map.of() : source.revisions(missing);
                for (ObjectId id : next) {
                    Revision r = kept.containsKey(id) ? kept.remove(id) : read.get(id);
                    if (r == null) {
                        throw new VaultException(ErrorCode.SOURCE_FAILURE, Swhid.of(ObjectType.REVISION, id)
                                + " was in the log of " + head + " a moment ago but " + source
                                + " no longer has it.");
                    }
                    ready.add(r);
                }
            }
            Revision r = ready.poll();
            if (r == null) {
                return false;
            }
            action.accept(r);
            return true;
        }
    }
}
