package org.swhvault.core.source.git.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.model.RevisionType;
import org.swhvault.spi.model.Timestamp;

/**
 * Parses git commit bodies into revisions. {@code tree} must be the first header and the parents the
 * {@code parent} lines right after it (as git reads them); the first {@code author} and
 * {@code committer} are taken wherever they are; every other header, continuation lines included, is
 * an extra header in order. When the canonical form of the result differs from the body, the
 * revision keeps the original bytes as raw manifest.
 */
public final class CommitParser {
    private CommitParser() {
    }

    /**
     * Parses a commit.
     *
     * @param id the commit's id
     * @param body the object body, without header
     * @return the revision, hashing back to {@code id}
     */
    public static Revision parse(ObjectId id, byte[] body) {
        HeaderCursor h = new HeaderCursor(body);
        ObjectId tree = null;
        List<ObjectId> parents = new ArrayList<>(2);
        PersonLine author = null;
        PersonLine committer = null;
        List<Header> extra = new ArrayList<>(0);
        int stage = 0;
        while (h.next()) {
            if (stage == 0) {
                stage = 1;
                tree = h.keyIs("tree") ? h.hexValue() : null;
                if (tree != null) {
                    continue;
                }
            }
            if (stage == 1) {
                ObjectId parent = h.keyIs("parent") ? h.hexValue() : null;
                if (parent != null) {
                    parents.add(parent);
                    continue;
                }
                stage = 2;
            }
            if (author == null && h.keyIs("author")) {
                author = PersonLine.parse(h.value());
            } else if (committer == null && h.keyIs("committer")) {
                committer = PersonLine.parse(h.value());
            } else {
                extra.add(new Header(h.key(), Bytes.wrap(h.value())));
            }
        }
        Optional<Bytes> message = message(body, h.messageStart());
        Revision revision = new Revision(id, tree == null ? GitObjects.NULL_ID : tree, parents,
                person(author), date(author), person(committer), date(committer), extra, message,
                RevisionType.GIT, false, Optional.empty());
        if (tree != null && isCanonical(revision, body)) {
            return revision;
        }
        return new Revision(id, revision.directory(), parents, revision.author(), revision.date(),
                revision.committer(), revision.committerDate(), extra, message, RevisionType.GIT, false,
                Optional.of(GitObjects.withHeader("commit", body)));
    }

    /**
     * Returns the parents of a commit as git reads them (the {@code parent} lines right after
     * {@code tree}), without parsing the rest.
     *
     * @param body the object body, without header
     * @return the parent ids, in order
     */
    public static List<ObjectId> parents(byte[] body) {
        HeaderCursor h = new HeaderCursor(body);
        if (!h.next() || !h.keyIs("tree") || h.hexValue() == null) {
            return List.of();
        }
        List<ObjectId> parents = new ArrayList<>(2);
        while (h.next() && h.keyIs("parent")) {
            ObjectId parent = h.hexValue();
            if (parent == null) {
                break;
            }
            parents.add(parent);
        }
        return parents;
    }

    static Optional<Bytes> message(byte[] body, int start) {
        return start < 0 ? Optional.empty() : Optional.of(Bytes.of(body, start, body.length - start));
    }

    static Optional<Person> person(PersonLine line) {
        return line == null ? Optional.empty() : Optional.of(line.person());
    }

    static Optional<Timestamp> date(PersonLine line) {
        return line == null ? Optional.empty() : line.date();
    }

    private static boolean isCanonical(Revision revision, byte[] body) {
        try {
            return Arrays.equals(Manifests.revision(revision), body);
        } catch (RuntimeException e) {
            // The model refuses to serialise it (for example an odd header key): keep the raw bytes.
            return false;
        }
    }
}
