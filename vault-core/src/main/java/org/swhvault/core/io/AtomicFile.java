package org.swhvault.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * A file that appears under its name only when it is complete, as a bundle store publishes a bundle.
 * The bytes go to a hidden {@code .NAME.<random>.part} beside the target; {@link #commit()} flushes,
 * fsyncs, gives the file the permissions a newly created file gets under the process's umask (0644
 * under umask 022) and renames it over the target in one atomic step. {@link #close()} without a
 * commit deletes the partial file, and so does a JVM shutdown (SIGINT, SIGTERM) while the file is open:
 * a failed, cancelled or interrupted write leaves nothing behind.
 *
 * <pre>{@code
 * try (AtomicFile file = AtomicFile.create(Path.of("bundle.tar.gz"), 1L << 30)) {
 *     cooker.cook(swhid, source, file.stream(), context);
 *     file.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe for writing; {@link #abandon()} may be called from any thread.
 */
public final class AtomicFile implements AutoCloseable {
    private static final Set<AtomicFile> OPEN = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(AtomicFile::abandon),
                "swhvault-atomic-file-cleanup"));
    }

    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private final SizeLimitedOutputStream counted;
    private final OutputStream stream;
    private boolean committed;
    private boolean abandoned;

    private AtomicFile(Path target, Path part, FileChannel channel, long maxSize) {
        this.target = target;
        this.part = part;
        this.channel = channel;
        OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.counted = new SizeLimitedOutputStream(file, maxSize == 0 ? Long.MAX_VALUE : maxSize);
        this.stream = counted;
    }

    /**
     * Checks that {@code target} can be written, then opens its partial file. Blocks on the file system.
     *
     * @param target the file to create or replace; its directory must exist
     * @param maxSize the largest number of bytes {@link #stream()} accepts, 0 for no limit
     * @return the open file, which the caller closes
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} naming {@code target} as given if it
     *     is a directory or another file that is not a regular one (a device, a pipe, a socket), or its directory
     *     is missing or not a directory, or with {@link ErrorCode#STORE_FAILURE}
     *     if the partial file cannot be created (permissions, a full or read-only file system)
     */
    public static AtomicFile create(Path target, long maxSize) {
        requireNonNull(target, "target is null");
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be at least 0, got " + maxSize);
        }
        Path absolute = target.toAbsolutePath();
        Path dir = Optional.ofNullable(absolute.getParent()).orElse(absolute.getRoot());
        if (Files.isDirectory(absolute)) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, target + " is a directory; give the path of a file.");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            // the rename would replace a device node, a pipe or a socket (/dev/null as root) with a plain file
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, target + " is not a regular file (a device, a pipe"
                    + " or a socket): it cannot be replaced by a complete file.");
        }
        if (!Files.exists(dir)) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "cannot write " + target + ": the directory " + dir + " does not exist.");
        }
        if (!Files.isDirectory(dir)) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "cannot write " + target + ": " + dir + " is not a directory.");
        }
        for (int attempt = 0; ; attempt++) {
            Path part = dir.resolve("." + absolute.getFileName() + "." + randomSuffix() + ".part");
            try {
                FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                AtomicFile file = new AtomicFile(absolute, part, channel, maxSize);
                OPEN.add(file);
                return file;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw new VaultException(ErrorCode.STORE_FAILURE, "cannot create a temporary file in " + dir + ".", e);
                }
            } catch (AccessDeniedException e) {
                throw new VaultException(ErrorCode.STORE_FAILURE,
                        "cannot write " + target + ": permission denied in " + dir + ".", e);
            } catch (IOException e) {
                throw new VaultException(ErrorCode.STORE_FAILURE, "cannot write " + target + ": " + reason(e, dir), e);
            }
        }
    }

    /** Returns the stream to write the content to (buffered, size-limited); do not close it, close this file. */
    public OutputStream stream() {
        return stream;
    }

    /** Returns how many bytes were written so far. */
    public long size() {
        return counted.count();
    }

    /** Returns the file this one becomes on {@link #commit()}. */
    public Path target() {
        return target;
    }

    /**
     * Publishes the file: flushes, fsyncs, sets the permissions of a new file and renames it over the
     * target (replacing any file there), then fsyncs the directory. Blocks on the disk.
     *
     * @throws IOException if a step fails; the partial file is then deleted on {@link #close()}
     * @throws IllegalStateException if the file was abandoned (the JVM is shutting down) or committed
     */
    public void commit() throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        synchronized (this) {
            if (abandoned || committed) {
                throw new IllegalStateException(abandoned ? "interrupted: " + target + " was not written"
                        : target + " is already committed");
            }
            applyDefaultPermissions(part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        }
        OPEN.remove(this);
        syncDirectory(target.getParent());
    }

    /** Returns whether {@link #commit()} published the file. */
    public synchronized boolean isCommitted() {
        return committed;
    }

    /**
     * Deletes the partial file unless it was committed; later writes and commits fail. Idempotent; any thread.
     *
     * @return true if this call deleted the partial file
     */
    public boolean abandon() {
        synchronized (this) {
            if (committed || abandoned) {
                return false;
            }
            abandoned = true;
        }
        OPEN.remove(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        try {
            return Files.deleteIfExists(part);
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the partial file if {@link #commit()} did not publish it. */
    @Override
    public void close() {
        abandon();
    }

    /** A new file gets 0666 minus the umask: create a probe beside it and copy its permissions. */
    private static void applyDefaultPermissions(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path probe = file.resolveSibling(file.getFileName() + ".mode");
        try {
            Files.createFile(probe);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(probe, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(file, permissions);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every file system lets a directory be opened; the rename itself is done
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Why the partial file could not be created, without its (internal) name. */
    private static String reason(IOException e, Path dir) {
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason().toLowerCase(Locale.ROOT) + "."
                    : "no new file can be created in " + dir + ".";
        }
        return e.getMessage() == null ? "an input/output error." : e.getMessage() + ".";
    }
}
