package org.swhvault.core.source.git.internal;

import org.eclipse.jgit.lib.AnyObjectId;
import org.swhvault.spi.model.ObjectId;

/** Converts between our ids and JGit's. */
public final class JGitIds {
    private JGitIds() {
    }

    /**
     * Returns JGit's id for {@code id}.
     *
     * @param id our id
     * @return JGit's id
     */
    public static org.eclipse.jgit.lib.ObjectId toJGit(ObjectId id) {
        return org.eclipse.jgit.lib.ObjectId.fromRaw(id.toByteArray());
    }

    /**
     * Returns our id for JGit's {@code id}.
     *
     * @param id JGit's id
     * @return our id
     */
    public static ObjectId fromJGit(AnyObjectId id) {
        byte[] raw = new byte[ObjectId.LENGTH];
        id.copyRawTo(raw, 0);
        return ObjectId.of(raw);
    }
}
