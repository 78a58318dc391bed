package org.swhvault.core.cook.gitfast;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What a gitfast cook wrote: how many revisions, and how many of them {@code git fast-import} cannot
 * re-create with their original ids, and why.
 *
 * @param revisions how many revisions the bundle holds
 * @param lossyRevisions how many of them will get another id when imported
 * @param revisionsByReason for each reason, how many revisions have it (a revision may have several)
 */
public record GitfastReport(long revisions, long lossyRevisions, Map<LossReason, Long> revisionsByReason) {
    /** Validates the components and copies the map. */
    public GitfastReport {
        requireNonNull(revisionsByReason, "revisionsByReason is null");
        if (revisions < 0 || lossyRevisions < 0 || lossyRevisions > revisions) {
            throw new IllegalArgumentException("need 0 <= lossyRevisions <= revisions, got " + lossyRevisions + " and "
                    + revisions);
        }
        EnumMap<LossReason, Long> copy = new EnumMap<>(LossReason.class);
        copy.putAll(revisionsByReason);
        revisionsByReason = java.util.Collections.unmodifiableMap(copy);
    }

    /** Returns whether every revision keeps its id when imported. */
    public boolean exact() {
        return lossyRevisions == 0;
    }

    /**
     * Returns one sentence for people, such as {@code 12 revisions written; 2 will get another id when
     * imported (it has no message at all: 1, a parent cannot be re-created with its id: 1).}
     *
     * @return the summary
     */
    public String summary() {
        String written = revisions + (revisions == 1 ? " revision" : " revisions") + " written";
        if (exact()) {
            return written + "; git fast-import gives each its original id.";
        }
        String reasons = revisionsByReason.entrySet().stream()
                .map(e -> e.getKey().description() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return written + "; " + lossyRevisions + " will get another id when imported (" + reasons + ").";
    }
}
