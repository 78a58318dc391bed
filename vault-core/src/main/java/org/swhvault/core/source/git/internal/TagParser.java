package org.swhvault.core.source.git.internal;

import java.util.Arrays;
import java.util.Optional;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Manifests;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Release;
import org.swhvault.spi.swhid.ObjectType;

/**
 * Parses git tag bodies into releases: the first {@code object}, {@code type}, {@code tag} and
 * {@code tagger} headers wherever they are, the message after the first blank line. Releases have no
 * extra headers, so a tag with any other header (or in another order, or with an unknown type) keeps
 * its original bytes as raw manifest.
 */
public final class TagParser {
    private TagParser() {
    }

    /**
     * Parses a tag.
     *
     * @param id the tag's id
     * @param body the object body, without header
     * @return the release, hashing back to {@code id}
     */
    public static Release parse(ObjectId id, byte[] body) {
        HeaderCursor h = new HeaderCursor(body);
        ObjectId object = null;
        ObjectType type = null;
        Bytes name = null;
        PersonLine tagger = null;
        boolean lossy = false;
        while (h.next()) {
            if (object == null && h.keyIs("object")) {
                object = h.hexValue();
                lossy |= object == null;
            } else if (type == null && h.keyIs("type")) {
                type = targetType(h);
                lossy |= type == null;
            } else if (name == null && h.keyIs("tag")) {
                name = Bytes.wrap(h.value());
            } else if (tagger == null && h.keyIs("tagger")) {
                tagger = PersonLine.parse(h.value());
            } else {
                lossy = true;
            }
        }
        lossy |= object == null || type == null || name == null;
        Release release = new Release(id, name == null ? Bytes.EMPTY : name,
                object == null ? GitObjects.NULL_ID : object, type == null ? ObjectType.REVISION : type,
                CommitParser.person(tagger), CommitParser.date(tagger),
                CommitParser.message(body, h.messageStart()), false, Optional.empty());
        if (!lossy && isCanonical(release, body)) {
            return release;
        }
        return new Release(id, release.name(), release.target(), release.targetType(), release.author(),
                release.date(), release.message(), false, Optional.of(GitObjects.withHeader("tag", body)));
    }

    private static ObjectType targetType(HeaderCursor h) {
        for (ObjectType type : ObjectType.values()) {
            if (type.isCore() && h.valueIs(gitName(type))) {
                return type;
            }
        }
        return null;
    }

    /** Returns the word a tag's {@code type} header uses ({@code refs} for snapshots, as SWH writes). */
    static String gitName(ObjectType type) {
        return type == ObjectType.SNAPSHOT ? "refs" : type.gitType().orElseThrow();
    }

    private static boolean isCanonical(Release release, byte[] body) {
        try {
            return Arrays.equals(Manifests.release(release), body);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
