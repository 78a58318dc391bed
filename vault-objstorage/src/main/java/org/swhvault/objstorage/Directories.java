package org.swhvault.objstorage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** The slice directories of a pathslicing objstorage, made so that they survive a power loss. */
final class Directories {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private Directories() {
    }

    /**
     * Creates {@code dir} and its missing parents below {@code root} with mode 755 (less the umask, as
     * swh-objstorage's {@code os.makedirs(dir, 0o755)}), syncing each parent that gained an entry.
     */
    static void ensure(Path dir, Path root) throws IOException {
        if (dir.equals(root) || Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        ensure(parent, root);
        try {
            if (POSIX) {
                FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.createDirectory(dir, mode);
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return;
        }
        sync(parent);
    }

    /**
     * Flushes a directory's entries to disk. Best effort: some platforms cannot open a directory, and a lost
     * rename only loses an object that will be added again.
     */
    static void sync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // see the method comment
        }
    }
}
