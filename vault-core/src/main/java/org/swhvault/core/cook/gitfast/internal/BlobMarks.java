package org.swhvault.core.cook.gitfast.internal;

import java.util.BitSet;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.spi.model.ObjectId;

/**
 * The mark of every content already used by the stream, so that each is written once, and which of
 * them were written as placeholders: 32 to 64 bytes per content in arrays of a {@link WorkArea} (on the
 * heap up to its budget, in mapped files past it), and one bit on the heap. Not thread-safe.
 */
final class BlobMarks {
    private final Marks marks;
    private final IdIndex ids;
    private final RecordArray markOf;
    private final BitSet placeholders = new BitSet();

    BlobMarks(Marks marks, WorkArea area) {
        this.marks = marks;
        this.ids = new IdIndex(area, "contents");
        this.markOf = new RecordArray(area, "content-marks", Integer.BYTES, 64);
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
            return markOf.getInt(index);
        }
        index = ids.add(content);
        markOf.ensure(index + 1);
        int mark = marks.next();
        markOf.putInt(index, mark);
        changes.newBlob(content);
        return mark;
    }

    /** Returns whether a content already has a mark. */
    boolean contains(ObjectId content) {
        return ids.contains(content);
    }

    /** Returns the mark given to a content by {@link #markFor}. */
    int markOf(ObjectId content) {
        return markOf.getInt(ids.indexOf(content));
    }

    /** Records that a content was written as a placeholder text. */
    void placeholder(ObjectId content) {
        placeholders.set(ids.indexOf(content));
    }
}
