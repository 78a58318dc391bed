package org.swhvault.spi.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.swhvault.spi.model.ObjectId;

/**
 * A lazily computed topological order of a revision's ancestry: every revision before all of its
 * parents, each once. It follows first parents first and keeps a line of history together until it
 * reaches a revision that still waits for other children, much like {@code git log --topo-order}.
 * Parents that are missing are left out. The order depends only on the graph, not on dates.
 *
 * <p>The graph is discovered on the first pull, through parent lists only; full revisions are loaded
 * one at a time as the stream is consumed.
 *
 * <p>Sources implement {@link ObjectSource#revisionLog} with it, so that every source lists the same
 * graph in the same order: bundles written in log order (gitfast) are then the same bytes whichever
 * source they are cooked from. Not thread-safe; the stream is sequential.
 *
 * @param <R> the revision type
 */
public final class HistoryWalk<R> extends Spliterators.AbstractSpliterator<R> {
    /** Supplies a revision's parents, or null when the revision is missing from the source. */
    @FunctionalInterface
    public interface Parents {
        /**
         * Returns the parents of a revision.
         *
         * @param id the revision id
         * @return the parent ids in order, or null if the revision is missing
         */
        List<ObjectId> of(ObjectId id);
    }

    private static final class Node {
        List<ObjectId> parents;
        int waitingChildren;

        Node(List<ObjectId> parents) {
            this.parents = parents;
        }
    }

    private final ObjectId head;
    private final Parents parents;
    private final Function<ObjectId, R> load;
    private Map<ObjectId, Node> graph;
    private final ArrayDeque<ObjectId> ready = new ArrayDeque<>();

    private HistoryWalk(ObjectId head, Parents parents, Function<ObjectId, R> load) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL);
        this.head = head;
        this.parents = parents;
        this.load = load;
    }

    /**
     * Returns the walk as a sequential stream.
     *
     * @param head the revision to start from, which must be present
     * @param parents the parent lists
     * @param load loads a full revision (called once per revision, in stream order)
     * @param <R> the revision type
     * @return the revisions, newest first
     */
    public static <R> Stream<R> stream(ObjectId head, Parents parents, Function<ObjectId, R> load) {
        return StreamSupport.stream(new HistoryWalk<>(head, parents, load), false);
    }

    @Override
    public boolean tryAdvance(Consumer<? super R> action) {
        if (graph == null) {
            discover();
            ready.push(head);
        }
        ObjectId next = ready.poll();
        if (next == null) {
            return false;
        }
        List<ObjectId> ps = graph.get(next).parents;
        for (int i = ps.size() - 1; i >= 0; i--) {
            Node parent = graph.get(ps.get(i));
            if (--parent.waitingChildren == 0) {
                ready.push(ps.get(i));
            }
        }
        action.accept(load.apply(next));
        return true;
    }

    /** Finds every present ancestor and counts, for each, the edges from its children. */
    private void discover() {
        graph = new HashMap<>();
        List<ObjectId> headParents = parents.of(head);
        graph.put(head, new Node(headParents == null ? List.of() : headParents));
        ArrayDeque<ObjectId> todo = new ArrayDeque<>();
        todo.push(head);
        while (!todo.isEmpty()) {
            Node node = graph.get(todo.pop());
            List<ObjectId> present = new ArrayList<>(node.parents.size());
            for (ObjectId p : node.parents) {
                Node parent = graph.get(p);
                if (parent == null) {
                    List<ObjectId> grandParents = parents.of(p);
                    if (grandParents == null) {
                        continue;
                    }
                    parent = new Node(grandParents);
                    graph.put(p, parent);
                    todo.push(p);
                }
                parent.waitingChildren++;
                present.add(p);
            }
            if (present.size() != node.parents.size()) {
                node.parents = present;
            }
        }
    }
}
