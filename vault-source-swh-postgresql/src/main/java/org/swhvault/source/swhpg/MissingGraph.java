package org.swhvault.source.swhpg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.swhvault.spi.model.ObjectId;

/**
 * The part of a history (revisions and their parents, or releases and the releases they target) that the archive
 * lacks, found from some heads, and put in the order the loader writes it: every object after the objects it
 * references, so that the archive never holds a revision whose ancestors are missing. Holds the ids and edges of
 * the missing part only (about 150 bytes per object); objects themselves are read again when written.
 */
final class MissingGraph {
    /** Marks an object put in order (a list of its own: List.of() is shared with parentless revisions). */
    private static final List<ObjectId> WRITTEN = Collections.unmodifiableList(new ArrayList<>());

    private final Map<ObjectId, List<ObjectId>> edges = new HashMap<>();

    /** Records a missing object and what it references (only references also recorded are followed). */
    void add(ObjectId id, List<ObjectId> references) {
        edges.put(id, references);
    }

    boolean contains(ObjectId id) {
        return edges.containsKey(id);
    }

    int size() {
        return edges.size();
    }

    /**
     * Returns the recorded objects reachable from {@code heads}, each after everything it references (depth-first
     * post-order, first references first). Forgets the edges as it goes.
     */
    List<ObjectId> referencesFirst(Collection<ObjectId> heads) {
        List<ObjectId> order = new ArrayList<>(edges.size());
        Deque<ObjectId> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        for (ObjectId head : heads) {
            if (!pending(head)) {
                continue;
            }
            stack.push(head);
            next.push(0);
            while (!stack.isEmpty()) {
                ObjectId id = stack.peek();
                List<ObjectId> refs = edges.get(id);
                int i = next.pop();
                while (i < refs.size() && !pending(refs.get(i))) {
                    i++;
                }
                if (i < refs.size()) {
                    next.push(i + 1);
                    stack.push(refs.get(i));
                    next.push(0);
                } else {
                    stack.pop();
                    edges.put(id, WRITTEN);
                    order.add(id);
                }
            }
        }
        return order;
    }

    private boolean pending(ObjectId id) {
        List<ObjectId> refs = edges.get(id);
        return refs != null && refs != WRITTEN;
    }
}
