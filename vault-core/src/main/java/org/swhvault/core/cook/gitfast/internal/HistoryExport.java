package org.swhvault.core.cook.gitfast.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.cook.gitfast.GitfastReport;
import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * Writes the uncompressed fast-import stream of a revision's history: first the ids of the history
 * (children first, as the source walks it), then every revision parents first, each preceded by the
 * blobs it is the first to use. Memory: the ids, root directory ids and marks of the history (52 to 80
 * bytes per revision) and the ids and marks of the contents written so far (32 to 64 bytes per content),
 * all in arrays that stay on the heap up to a budget and are in memory-mapped temporary files past it; one
 * bit per revision and per content on the heap; a bounded cache of listings, and the file commands of one
 * commit.
 */
public final class HistoryExport {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryExport.class);
    private static final byte[] BRANCH = "refs/heads/master".getBytes(StandardCharsets.US_ASCII);
    private static final Bytes ENCODING = Bytes.utf8("encoding");
    private static final int REVISION_BATCH = 256;
    private static final long LISTING_CACHE_ENTRIES = 200_000;

    private final ObjectSource source;
    private final OutputStream out;
    private final CookContext context;
    private final WorkArea area;
    private final Marks marks = new Marks();
    private final BlobMarks blobs;
    private final TreeDiff diff;
    private final BlobWriter blobWriter;
    private final IdIndex history;
    private final Map<LossReason, Long> reasons = new EnumMap<>(LossReason.class);
    private RecordArray commitMarks;
    private RecordArray roots;
    private final BitSet lossy = new BitSet();
    private boolean permissiveDates;

    private HistoryExport(ObjectSource source, OutputStream out, CookContext context, WorkArea area) {
        this.source = source;
        this.out = out;
        this.context = context;
        this.area = area;
        this.blobs = new BlobMarks(marks, area);
        this.history = new IdIndex(area, "history");
        this.diff = new TreeDiff(source, new Listings(source, LISTING_CACHE_ENTRIES), blobs);
        this.blobWriter = new BlobWriter(source, blobs, out, context);
    }

    /**
     * Writes the stream of {@code head}'s history. Blocks until done; does not close {@code out}.
     *
     * @param head a revision the source has
     * @param source where to read the archive
     * @param out where the (uncompressed) stream goes
     * @param context progress and cancellation
     * @param temporaryDirectory where the directory of the cook's temporary files is made when they are
     *     needed, or null for the system's temporary directory; it is deleted when the method returns or throws
     * @param heapBudget how many bytes of heap the arrays of ids and marks may take together before they move
     *     to files; the stream does not depend on it
     * @return what was written and what will not keep its id
     * @throws IOException if writing fails
     * @throws UncheckedIOException if a temporary file cannot be made or grown
     * @throws VaultException with {@link ErrorCode#CORRUPT_OBJECT} for an entry name a stream cannot hold
     *     or a content whose length is not the recorded one, {@link ErrorCode#CANCELLED} if cancelled
     */
    public static GitfastReport write(ObjectId head, ObjectSource source, OutputStream out, CookContext context,
            Path temporaryDirectory, long heapBudget) throws IOException {
        try (WorkArea area = WorkArea.bounded(temporaryDirectory, heapBudget)) {
            return new HistoryExport(source, out, context, area).run(head);
        }
    }

    private GitfastReport run(ObjectId head) throws IOException {
        readHistory(head);
        int n = history.size();
        commitMarks = new RecordArray(area, "commit-marks", Integer.BYTES, Math.max(1, n));
        roots = new RecordArray(area, "roots", ObjectId.LENGTH, Math.max(1, n));
        if (permissiveDates) {
            // Offsets above 1400 are valid in git objects but refused by the strict raw format.
            out.write("feature date-format=raw-permissive\n".getBytes(StandardCharsets.US_ASCII));
        }
        for (int end = n; end > 0; end -= REVISION_BATCH) {
            List<ObjectId> ids = new ArrayList<>();
            for (int i = end - 1; i >= Math.max(0, end - REVISION_BATCH); i--) {
                ids.add(history.get(i));
            }
            Map<ObjectId, Revision> batch = source.revisions(ids);
            for (ObjectId id : ids) {
                Revision revision = batch.get(id);
                if (revision == null) {
                    throw new VaultException(ErrorCode.SOURCE_FAILURE, Swhid.of(ObjectType.REVISION, id)
                            + " was in the history a moment ago but the source no longer has it.");
                }
                int index = history.indexOf(id);
                long done = n - index;
                context.checkCancelled();
                context.progress("Writing revision " + done + " of " + n, done - 1, n);
                writeCommit(index, revision);
            }
        }
        GitfastReport report = new GitfastReport(n, lossy.cardinality(), reasons);
        if (report.exact()) {
            LOG.debug("gitfast of {}: {}", head, report.summary());
        } else {
            LOG.info("gitfast of {}: {}", head, report.summary());
        }
        context.progress(report.summary(), n, n);
        return report;
    }

    private void readHistory(ObjectId head) {
        try (Stream<Revision> log = source.revisionLog(head)) {
            Iterator<Revision> it = log.iterator();
            while (it.hasNext()) {
                Revision r = it.next();
                history.add(r.id());
                permissiveDates |= Signatures.needsPermissiveDates(r);
                if (history.size() % 1000 == 0) {
                    context.checkCancelled();
                    context.progress("Reading the history: " + history.size() + " revisions so far",
                            history.size(), -1);
                }
            }
        }
    }

    private void writeCommit(int index, Revision revision) throws IOException {
        FileChanges changes = new FileChanges();
        List<Integer> parents = new ArrayList<>();
        for (ObjectId parent : revision.parents()) {
            int p = history.indexOf(parent);
            if (p < 0 || commitMarks.getInt(p) == 0) {
                changes.loss(LossReason.MISSING_PARENT);
                continue;
            }
            parents.add(p);
            if (lossy.get(p)) {
                changes.loss(LossReason.LOSSY_PARENT);
            }
        }
        if (revision.rawManifest().isPresent()) {
            changes.loss(LossReason.RAW_MANIFEST);
        }
        diff.diff(parents.isEmpty() ? null : root(parents.get(0)), revision.directory(), changes);
        blobWriter.write(changes.newBlobs(), changes);

        int mark = marks.next();
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        if (parents.isEmpty()) {
            // Without it, a parentless commit would get the branch's current tip as parent.
            head.writeBytes(line("reset ", BRANCH));
        }
        head.writeBytes(line("commit ", BRANCH));
        head.writeBytes(line("mark :" + mark));
        Set<LossReason> losses = changes.losses();
        if (revision.author().isPresent()) {
            Signatures.write(head, "author", revision.author(), revision.date(), permissiveDates, losses);
        } else {
            // fast-import then copies the committer.
            losses.add(LossReason.PERSON);
        }
        Signatures.write(head, "committer", revision.committer(), revision.committerDate(), permissiveDates, losses);
        writeEncoding(head, revision.extraHeaders(), losses);
        Optional<Bytes> message = revision.message();
        if (message.isEmpty()) {
            losses.add(LossReason.NO_MESSAGE);
        }
        Bytes text = message.orElse(Bytes.EMPTY);
        head.writeBytes(line("data " + text.length()));
        text.writeTo(head);
        head.write('\n');
        for (int i = 0; i < parents.size(); i++) {
            head.writeBytes(line((i == 0 ? "from :" : "merge :") + commitMarks.getInt(parents.get(i))));
        }
        head.writeTo(out);
        changes.commands().writeTo(out);
        out.write('\n');

        commitMarks.putInt(index, mark);
        byte[] root = new byte[ObjectId.LENGTH];
        revision.directory().copyTo(root, 0);
        roots.put(index, root, 0);
        if (!losses.isEmpty()) {
            lossy.set(index);
            for (LossReason r : losses) {
                reasons.merge(r, 1L, Long::sum);
            }
            LOG.debug("{} will not keep its id: {}", Swhid.of(ObjectType.REVISION, revision.id()), losses);
        }
    }

    private ObjectId root(int index) {
        byte[] root = new byte[ObjectId.LENGTH];
        roots.get(index, root, 0);
        return ObjectId.of(root);
    }

    /** Writes an {@code encoding} command for the first {@code encoding} header; other headers are lost. */
    private static void writeEncoding(ByteArrayOutputStream head, List<Header> headers, Set<LossReason> losses) {
        boolean written = false;
        for (Header h : headers) {
            boolean writable = !written && h.key().equals(ENCODING) && !h.value().contains((byte) '\n')
                    && !h.value().contains((byte) 0);
            if (writable) {
                head.writeBytes(line("encoding ", h.value().toByteArray()));
                written = true;
            } else {
                losses.add(LossReason.EXTRA_HEADERS);
            }
        }
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] line(String command, byte[] argument) {
        byte[] c = command.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[c.length + argument.length + 1];
        System.arraycopy(c, 0, b, 0, c.length);
        System.arraycopy(argument, 0, b, c.length, argument.length);
        b[b.length - 1] = '\n';
        return b;
    }
}
