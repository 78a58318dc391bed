package org.swhvault.core.cook.gitbare;

import java.io.IOException;
import java.util.Optional;

import org.swhvault.core.cook.gitbare.pack.GitObjectType;
import org.swhvault.core.cook.gitbare.pack.PackFile;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;

/**
 * The step of a cook that differs between sources: packing everything some roots reach. The rest of
 * the cook (roots, references, the tar, progress, clean-up) is shared. Used in this order: {@link #add}
 * the roots, {@link #run}, ask {@link #contains} and {@link #peel} to build the references, then
 * {@link #finish}; {@link #close} always.
 */
interface Packing extends AutoCloseable {
    /** What a release points to. */
    record Target(ObjectType type, ObjectId id) {
    }

    /**
     * Queues an object to pack, with everything it reaches. Snapshots cannot be packed: false.
     *
     * @throws IOException if what is queued cannot be spilled to disk
     */
    boolean add(ObjectType type, ObjectId id) throws IOException;

    /**
     * Adds an object made by the cooker itself (the stub commit of a directory bundle).
     *
     * @throws UnsupportedOperationException if this packing copies a repository's objects only
     */
    void addMade(GitObjectType type, ObjectId id, byte[] body) throws IOException;

    /** Packs everything queued. */
    void run() throws IOException;

    /** Returns whether the pack holds {@code id}. */
    boolean contains(ObjectId id);

    /**
     * Returns what a release finally points to, following chains of releases, if the pack holds it;
     * empty when a link of the chain is not in the pack or is a snapshot.
     */
    Optional<Target> peel(ObjectId release);

    /** Returns how many objects the pack holds. */
    long objectCount();

    /** Completes the pack and its index; the caller closes the result, which deletes the files. */
    PackFile finish() throws IOException;

    /** Releases what the packing holds and deletes its unfinished files. */
    @Override
    void close() throws IOException;
}
