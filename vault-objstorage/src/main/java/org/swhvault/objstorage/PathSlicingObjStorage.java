package org.swhvault.objstorage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.objstorage.ObjStorage;

import static java.util.Objects.requireNonNull;

/**
 * An objstorage in swh-objstorage's {@code pathslicing} layout: each content is the file
 * {@code <root>/<slices of its hex sha1>/<hex sha1>} (see {@link PathSlicing}), compressed as a whole with the
 * storage's {@link Compression}; swh-objstorage reads what this class writes and the other way round.
 *
 * <p>Reads stream the file and check the content's sha1 and length as they go. A new file is written under a
 * temporary name in its final directory, synced to disk (as swh-objstorage does with {@code fdatasync}), given
 * mode 644, renamed into place and its directory synced (which swh-objstorage does not), so a reader sees a
 * whole file or none, even after a crash. A file that already exists is left alone. Thread-safe; several
 * processes may share the directory.
 */
public final class PathSlicingObjStorage implements ObjStorage {
    private static final Logger LOG = LoggerFactory.getLogger(PathSlicingObjStorage.class);
    private static final String NAME = "pathslicing objstorage";

    private final Path root;
    private final PathSlicing slicing;
    private final Compression compression;

    private PathSlicingObjStorage(Path root, PathSlicing slicing, Compression compression) {
        this.root = root;
        this.slicing = slicing;
        this.compression = compression;
    }

    /**
     * Opens the objstorage whose root directory is {@code root}. Nothing is created.
     *
     * @param root the root directory, which must exist
     * @param slicing how objects are spread over directories
     * @param compression how each object is compressed
     * @return the objstorage
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code root} is not a directory
     */
    public static PathSlicingObjStorage open(Path root, PathSlicing slicing, Compression compression) {
        requireNonNull(root, "root is null");
        requireNonNull(slicing, "slicing is null");
        requireNonNull(compression, "compression is null");
        if (!Files.isDirectory(root)) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "The " + NAME + " root '" + root + "' "
                    + (Files.exists(root) ? "is not a directory" : "does not exist")
                    + "; give the directory that holds the objstorage's files.");
        }
        return new PathSlicingObjStorage(root, slicing, compression);
    }

    /** Returns the root directory. */
    public Path root() {
        return root;
    }

    /** Returns the slicing. */
    public PathSlicing slicing() {
        return slicing;
    }

    /** Returns the compression of the files. */
    public Compression compression() {
        return compression;
    }

    /**
     * Returns the file that holds, or would hold, a content.
     *
     * @param hashes the content's hashes, with its sha1
     * @return the file's path
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code hashes} has no sha1
     */
    public Path file(ContentHashes hashes) {
        String hex = StoredContent.sha1Hex(hashes, NAME);
        Path dir = root;
        for (String name : slicing.directories(hex)) {
            dir = dir.resolve(name);
        }
        return dir.resolve(hex);
    }

    /** {@inheritDoc} Blocks on file reads. */
    @Override
    public Optional<InputStream> open(ContentHashes hashes) {
        Path file = file(hashes);
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot open " + file + " in the " + NAME + ": " + e,
                    e);
        }
        return Optional.of(StoredContent.reading(in, compression, hashes, "file " + file));
    }

    /** {@inheritDoc} Blocks on a file look-up. */
    @Override
    public boolean contains(ContentHashes hashes) {
        return Files.isRegularFile(file(hashes));
    }

    /** {@inheritDoc} Blocks on file writes and syncs. */
    @Override
    public void add(ContentHashes hashes, InputStream data) {
        requireNonNull(data, "data is null");
        Path file = file(hashes);
        if (Files.isRegularFile(file)) {
            LOG.debug("{} is there already", file);
            return;
        }
        Path dir = file.getParent();
        Path temporary = null;
        try {
            Directories.ensure(dir, root);
            temporary = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                StoredContent.write(data, hashes, compression, out, "file " + file);
                out.flush();
                channel.force(false);
            }
            setMode(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            Directories.sync(dir);
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot write " + file + " in the " + NAME + ": "
                    + describe(e), e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    private static void setMode(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions it gives are all there is
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way of directory " + e.getMessage();
        }
        return e.toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary file {}; delete it by hand: {}", file, e.toString());
        }
    }

    /** Describes the objstorage: root, slicing and compression. */
    @Override
    public String toString() {
        return "PathSlicingObjStorage[" + root + ", slicing " + slicing + ", " + compression + "]";
    }
}
