package org.swhvault.core.request;

import java.util.List;

import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.store.BundleKey;

import static java.util.Objects.requireNonNull;

/** One change to a {@link RequestTable}, as written to a journal. */
sealed interface Change {
    /** A row was created or replaced. */
    record PutRow(BundleRequest row) implements Change {
        public PutRow {
            requireNonNull(row, "row is null");
        }
    }

    /** A row was deleted. */
    record DeleteRow(long id) implements Change {
    }

    /** A batch was created. */
    record PutBatch(long id, List<BundleKey> keys) implements Change {
        public PutBatch {
            keys = List.copyOf(keys);
        }
    }

    /** The next ids to hand out; written first in a compacted journal so deleted ids are never reused. */
    record Counters(long nextRequestId, long nextBatchId) implements Change {
    }
}
