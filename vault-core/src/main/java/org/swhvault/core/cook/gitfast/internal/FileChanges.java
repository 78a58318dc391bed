package org.swhvault.core.cook.gitfast.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.swhvault.core.cook.gitfast.LossReason;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

/**
 * What one commit changes, gathered before the commit is written: its {@code D} and {@code M}
 * commands (already formatted), the blobs that must be written before it, and why it may not keep its
 * id. Also holds the path being visited. Not thread-safe.
 */
final class FileChanges {
    private final ByteArrayOutputStream commands = new ByteArrayOutputStream();
    private final List<ObjectId> newBlobs = new ArrayList<>();
    private final Set<LossReason> losses = EnumSet.noneOf(LossReason.class);
    private byte[] path = new byte[256];
    private int pathLength;

    /** Returns the formatted file commands. */
    ByteArrayOutputStream commands() {
        return commands;
    }

    /** Returns the blobs first used by this commit, in the order they must be written. */
    List<ObjectId> newBlobs() {
        return newBlobs;
    }

    /** Returns the losses found so far. */
    Set<LossReason> losses() {
        return losses;
    }

    void loss(LossReason reason) {
        losses.add(reason);
    }

    void newBlob(ObjectId id) {
        newBlobs.add(id);
    }

    /**
     * Appends a name to the current path.
     *
     * @return the path length before, for {@link #leave(int)}
     */
    int enter(Bytes name) {
        int before = pathLength;
        int needed = pathLength + 1 + name.length();
        if (needed > path.length) {
            path = java.util.Arrays.copyOf(path, Math.max(needed, path.length * 2));
        }
        if (pathLength > 0) {
            path[pathLength++] = '/';
        }
        for (int i = 0; i < name.length(); i++) {
            path[pathLength++] = name.byteAt(i);
        }
        return before;
    }

    /** Restores the path to a length {@link #enter(Bytes)} returned. */
    void leave(int length) {
        pathLength = length;
    }

    /** Writes {@code D path}. */
    void delete() {
        commands.write('D');
        commands.write(' ');
        writePath();
    }

    /** Writes {@code M mode :mark path}. */
    void modify(String mode, int mark) {
        commands.writeBytes(("M " + mode + " :" + mark + " ").getBytes(StandardCharsets.US_ASCII));
        writePath();
    }

    /** Writes {@code M 160000 hex path}. */
    void gitlink(ObjectId target) {
        commands.writeBytes(("M 160000 " + target.toHex() + " ").getBytes(StandardCharsets.US_ASCII));
        writePath();
    }

    private void writePath() {
        commands.writeBytes(Paths.quote(path, pathLength));
        commands.write('\n');
    }
}
