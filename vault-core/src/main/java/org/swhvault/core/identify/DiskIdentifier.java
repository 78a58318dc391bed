package org.swhvault.core.identify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * Computes the SWHIDs of files and directory trees on disk exactly as {@code swh identify} does.
 *
 * <ul>
 *   <li>A file's id is that of its bytes ({@code swh:1:cnt:}, the git blob id); a symbolic link's
 *       content is its target path bytes; special files (FIFOs, sockets, devices) are empty contents.</li>
 *   <li>A directory's id ({@code swh:1:dir:}, the git tree id) covers everything below it: symbolic
 *       links inside the tree are never followed, empty directories are kept (they point to the empty
 *       tree {@code 4b825dc642cb6eb9a060e54bf8d69288fbee4904}), a file with any execute bit is
 *       {@code 100755} and any other file {@code 100644}, names are the raw file-name bytes with no
 *       Unicode normalization, and nothing is skipped (not even {@code .git}) unless it matches an
 *       exclusion pattern.</li>
 * </ul>
 *
 * <p>File names: Java exposes names as Strings decoded with the platform charset
 * ({@code sun.jnu.encoding}). Names valid in that charset are exact. For other names the raw bytes
 * are read from the JVM's path objects, which needs {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED};
 * without it such a name fails with a {@link VaultException} naming the path rather than being hashed
 * wrongly.
 *
 * <p>Files are streamed (never held whole in memory) and hashed in parallel on a bounded pool; the
 * result, and the error reported when several files fail, do not depend on scheduling. Instances are
 * immutable and thread-safe. Every method blocks until the answer is known.
 */
public final class DiskIdentifier {
    /** The id of the empty content. */
    static final ObjectId EMPTY_CONTENT = ObjectId.fromHex("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");

    private final boolean dereference;
    private final int parallelism;
    private final Executor executor;
    private final List<GlobPattern> excludes;
    private final ThreadLocal<BlobHasher> hashers = ThreadLocal.withInitial(BlobHasher::new);

    private DiskIdentifier(Builder b) {
        this.dereference = b.dereference;
        this.parallelism = b.parallelism;
        this.executor = b.executor;
        this.excludes = List.copyOf(b.excludes);
    }

    /**
     * Returns an identifier with the defaults: top-level symbolic links followed, no exclusions, one
     * hashing thread per available processor.
     *
     * @return the identifier
     */
    public static DiskIdentifier create() {
        return builder().build();
    }

    /**
     * Returns a builder for an identifier with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Identifies {@code path} as a directory if it is one, otherwise as a content. A symbolic link
     * given here is followed when the identifier dereferences (the default), else identified as a
     * content (its target path).
     *
     * @param path the file or directory
     * @return a {@code swh:1:dir:} or {@code swh:1:cnt:} SWHID
     * @throws VaultException {@link ErrorCode#INVALID_ARGUMENT} if {@code path} does not exist (message
     *     {@code "<path>: no such file or directory"}) or a name cannot be read exactly,
     *     {@link ErrorCode#SOURCE_FAILURE} if reading fails
     */
    public Swhid identify(Path path) {
        Path target = top(path);
        BasicFileAttributes attrs = attributes(target);
        return attrs.isDirectory() ? walk(target) : file(target, attrs);
    }

    /**
     * Identifies {@code path} as a content: a regular file's bytes, a symbolic link's target path (when
     * the identifier does not dereference, or for a link inside a tree), or nothing for a special file.
     *
     * @param path the file
     * @return a {@code swh:1:cnt:} SWHID
     * @throws VaultException {@link ErrorCode#INVALID_ARGUMENT} if {@code path} does not exist or is a
     *     directory, {@link ErrorCode#SOURCE_FAILURE} if reading fails
     */
    public Swhid content(Path path) {
        Path target = top(path);
        BasicFileAttributes attrs = attributes(target);
        if (attrs.isDirectory()) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, path + ": is a directory, not a content");
        }
        return file(target, attrs);
    }

    /**
     * Identifies the directory tree rooted at {@code path}. A symbolic link to a directory given here
     * is walked through whether or not the identifier dereferences.
     *
     * @param path the directory
     * @return a {@code swh:1:dir:} SWHID
     * @throws VaultException {@link ErrorCode#INVALID_ARGUMENT} if {@code path} does not exist, is not
     *     a directory, or holds a name that cannot be read exactly; {@link ErrorCode#SOURCE_FAILURE} if
     *     reading fails
     */
    public Swhid directory(Path path) {
        requireNonNull(path, "path is null");
        if (!Files.isDirectory(path)) {
            attributes(path); // reports a missing path as such
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, path + ": not a directory");
        }
        return walk(path);
    }

    /**
     * Identifies the bytes read from {@code in} until its end, as a content. Large inputs are spilled
     * to a temporary file rather than held in memory. The stream is not closed.
     *
     * @param in the bytes
     * @return a {@code swh:1:cnt:} SWHID
     * @throws VaultException {@link ErrorCode#SOURCE_FAILURE} if reading {@code in} or the temporary
     *     file fails
     */
    public Swhid content(InputStream in) {
        requireNonNull(in, "in is null");
        try {
            return Swhid.of(ObjectType.CONTENT, ContentHasher.sha1GitOnly().hashUnknownLength(in, null).sha1Git());
        } catch (IOException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "cannot read the input: " + e.getMessage(), e);
        }
    }

    private Path top(Path path) {
        requireNonNull(path, "path is null");
        if (!dereference || !Files.isSymbolicLink(path)) {
            return path;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw DiskErrors.wrap(path, e);
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return TreeHasher.readAttributes(path);
        } catch (IOException e) {
            throw DiskErrors.wrap(path, e);
        }
    }

    private Swhid file(Path path, BasicFileAttributes attrs) {
        BlobHasher hasher = hashers.get();
        try {
            ObjectId id;
            if (attrs.isSymbolicLink()) {
                byte[] target = FileNames.bytes(Files.readSymbolicLink(path), path);
                id = hasher.hashBytes(target, 0, target.length);
            } else if (attrs.isRegularFile()) {
                id = hasher.hashFile(path);
            } else {
                id = EMPTY_CONTENT;
            }
            return Swhid.of(ObjectType.CONTENT, id);
        } catch (IOException e) {
            throw DiskErrors.wrap(path, e);
        }
    }

    private Swhid walk(Path root) {
        ExecutorService pool = executor == null ? Executors.newFixedThreadPool(parallelism, threads()) : null;
        try {
            TreeHasher tree = new TreeHasher(pool != null ? pool : executor, hashers::get, excludes);
            return Swhid.of(ObjectType.DIRECTORY, tree.hash(root));
        } catch (CompletionException e) {
            throw DiskErrors.wrap(root, e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "vault-identify-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link DiskIdentifier}. Not thread-safe. */
    public static final class Builder {
        private boolean dereference = true;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private Executor executor;
        private final List<GlobPattern> excludes = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets whether a symbolic link given directly to {@link #identify(Path)} or
         * {@link #content(Path)} is followed (the default, like {@code swh identify}) or identified
         * itself. Links inside a directory tree are never followed.
         *
         * @param dereference true to follow a top-level link
         * @return this builder
         */
        public Builder dereference(boolean dereference) {
            this.dereference = dereference;
            return this;
        }

        /**
         * Sets how many threads hash files of a directory tree (a pool created for each call). The
         * default is the number of available processors.
         *
         * @param threads at least 1
         * @return this builder
         * @throws VaultException {@link ErrorCode#INVALID_ARGUMENT} if {@code threads} is below 1
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "parallelism must be at least 1, got "
                        + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Hashes files on {@code executor} instead of a pool created for each call; its bound is the
         * caller's business. {@link #parallelism(int)} is then ignored.
         *
         * @param executor the executor to run hashing tasks on
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = requireNonNull(executor, "executor is null");
            return this;
        }

        /**
         * Adds exclusion patterns, like {@code swh identify --exclude}: a sub-directory whose path
         * relative to the identified directory ({@code /}-separated) matches one of them is left out,
         * with everything below it. Patterns are shell globs with Python {@code fnmatch} semantics:
         * {@code *} matches any characters including {@code /} (so {@code *.git} excludes {@code .git}
         * directories at any depth), {@code ?} one character, {@code [...]} a set. Only directories
         * are excluded, as in {@code swh identify}.
         *
         * @param patterns the glob patterns
         * @return this builder
         * @throws VaultException {@link ErrorCode#INVALID_ARGUMENT} if a pattern is malformed
         */
        public Builder exclude(String... patterns) {
            for (String p : requireNonNull(patterns, "patterns is null")) {
                excludes.add(new GlobPattern(requireNonNull(p, "pattern is null")));
            }
            return this;
        }

        /**
         * Adds exclusion patterns; see {@link #exclude(String...)}.
         *
         * @param patterns the glob patterns
         * @return this builder
         * @throws VaultException {@link ErrorCode#INVALID_ARGUMENT} if a pattern is malformed
         */
        public Builder exclude(List<String> patterns) {
            return exclude(requireNonNull(patterns, "patterns is null").toArray(String[]::new));
        }

        /**
         * Returns the identifier.
         *
         * @return a new identifier with this builder's settings
         */
        public DiskIdentifier build() {
            return new DiskIdentifier(this);
        }
    }

    @Override
    public String toString() {
        return "DiskIdentifier[dereference=" + dereference + ", parallelism=" + parallelism
                + ", excludes=" + Arrays.toString(excludes.toArray()) + "]";
    }
}
