package org.swhvault.core.cook.gitfast.internal;

import java.util.Arrays;
import java.util.BitSet;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.spi.model.ObjectId;

/**
 * The mark of every content already used by the stream, so that each is written once, and which of
 * them were written as placeholders. Not thread-safe.
 */
final class BlobMarks {
    private final Marks marks;
    private final IdIndex ids = new IdIndex();
    private int[] markOf = new int[64];
    private final BitSet placeholders = new BitSet();

    BlobMarks(Marks marks) {
        this.marks = marks;
    }

    /**
     * Returns the mark of a content, giving it a new one (and adding it to the commit's new blobs) the
     * first time.
     */
    int markFor(ObjectId content, FileChanges changes) {
        int index = ids.indexOf(content);
        if (index >= 0) {
            if (placeholders.get(index)) {
                changes.loss(LossReason.UNAVAILABLE_CONTENT);
            }
            return markOf[index];
        }
        index = ids.add(content);
        if (index >= markOf.length) {
            markOf = Arrays.copyOf(markOf, markOf.length * 2);
        }
        markOf[index] = marks.next();
        changes.newBlob(content);
        return markOf[index];
    }

    /** Returns whether a content already has a mark. */
    boolean contains(ObjectId content) {
        return ids.contains(content);
    }

    /** Returns the mark given to a content by {@link #markFor}. */
    int markOf(ObjectId content) {
        return markOf[ids.indexOf(content)];
    }

    /** Records that a content was written as a placeholder text. */
    void placeholder(ObjectId content) {
        placeholders.set(ids.indexOf(content));
    }
}
