package org.swhvault.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Directory operations that make renames and new entries survive a power loss. */
final class Directories {
    private Directories() {
    }

    /** Creates {@code dir} and its missing parents, syncing each parent that gained an entry. */
    static void ensure(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            ensure(parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("Cannot create directory " + dir + ": a file is in the way", e);
            }
            return;
        }
        if (parent != null) {
            sync(parent);
        }
    }

    /**
     * Flushes a directory's entries to disk. Best effort: some platforms cannot open a directory, and
     * the only risk of a failed sync is that a rename made just before is lost in a power cut, which
     * leaves the previous, complete state.
     */
    static void sync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // see the method comment
        }
    }
}
