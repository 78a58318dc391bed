package org.swhvault.core.cook.internal;

import java.util.function.IntBinaryOperator;

/**
 * Sorts positions rather than objects, so that records packed in arrays are ordered without one
 * object per record: a stable merge sort of {@code 0 .. n-1} under a comparison of positions.
 */
public final class IndexSort {
    private IndexSort() {
    }

    /**
     * Returns the positions {@code 0 .. n-1} in the order {@code compare} gives, equal ones in their
     * original order.
     *
     * @param n how many positions
     * @param compare compares two positions, as a {@link java.util.Comparator} does
     * @return a new array of the sorted positions
     */
    public static int[] sort(int n, IntBinaryOperator compare) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] tmp = new int[n];
        // Bottom-up: no recursion, and runs already in order are merged in one pass each.
        for (int width = 1; width < n; width *= 2) {
            for (int from = 0; from < n - width; from += 2 * width) {
                int mid = from + width;
                int to = Math.min(from + 2 * width, n);
                if (compare.applyAsInt(order[mid - 1], order[mid]) <= 0) {
                    continue;
                }
                System.arraycopy(order, from, tmp, from, to - from);
                int i = from;
                int j = mid;
                for (int k = from; k < to; k++) {
                    if (j >= to || i < mid && compare.applyAsInt(tmp[i], tmp[j]) <= 0) {
                        order[k] = tmp[i++];
                    } else {
                        order[k] = tmp[j++];
                    }
                }
            }
        }
        return order;
    }
}
