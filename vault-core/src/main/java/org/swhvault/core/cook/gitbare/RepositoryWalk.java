package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;

/**
 * Lists what some roots reach for JGit's pack writer, with the object walk its own
 * {@code preparePack(monitor, want, have)} uses (same objects: submodule commits are not followed,
 * shallow commits have no parents), but in the order that suits the repository's delta chains:
 * commits newest first, or oldest first when {@link DeltaChains} says newer trees are deltas of
 * older ones; each commit's trees and blobs follow that order. Commit bodies are not kept.
 */
final class RepositoryWalk {
    private RepositoryWalk() {
    }

    /** Adds every object {@code wants} reach to {@code writer}, each once. */
    static void list(Repository repository, Set<ObjectId> wants, PackWriter writer, ProgressMonitor monitor)
            throws IOException {
        try (ObjectWalk walk = new ObjectWalk(repository)) {
            walk.setRetainBody(false);
            for (ObjectId id : wants) {
                walk.markStart(walk.parseAny(id));
            }
            walk.sort(RevSort.COMMIT_TIME_DESC);
            if (DeltaChains.newerAreDeeper(repository, wants)) {
                walk.sort(RevSort.REVERSE, true);
            }
            monitor.beginTask("Counting objects", ProgressMonitor.UNKNOWN);
            writer.preparePack(new Objects(walk, monitor));
            monitor.endTask();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The commits of a walk, then its other objects. */
    private static final class Objects implements Iterator<RevObject> {
        private final ObjectWalk walk;
        private final ProgressMonitor monitor;
        private RevObject next;
        private boolean commitsDone;

        Objects(ObjectWalk walk, ProgressMonitor monitor) {
            this.walk = walk;
            this.monitor = monitor;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = commitsDone ? null : walk.next();
                    if (next == null) {
                        commitsDone = true;
                        next = walk.nextObject();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public RevObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RevObject o = next;
            next = null;
            monitor.update(1);
            return o;
        }
    }
}
