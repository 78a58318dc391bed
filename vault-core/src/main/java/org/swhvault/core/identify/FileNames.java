package org.swhvault.core.identify;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/**
 * Recovers the raw bytes of file names and symlink targets. Java only exposes names as Strings,
 * decoded with {@code sun.jnu.encoding}; bytes that are not valid in that charset are replaced and the
 * String no longer says which file it came from. On Unix the {@code Path} objects handed out by
 * directory listings and {@code readSymbolicLink} still hold the raw bytes, which we read reflectively
 * when {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED} allows it. Otherwise we accept a String only
 * when it provably round-trips to the same path, and refuse to guess.
 */
final class FileNames {
    private static final char REPLACEMENT = '\uFFFD';
    private static final Charset NATIVE = nativeCharset();
    private static final MethodHandle UNIX_PATH_BYTES = unixPathBytes();

    private FileNames() {
    }

    /** Returns whether raw path bytes can be read directly (the JVM opened {@code sun.nio.fs}). */
    static boolean rawAccess() {
        return UNIX_PATH_BYTES != null;
    }

    /**
     * Returns the bytes of the last element of {@code path} as the file system stores them.
     *
     * @throws VaultException if the bytes cannot be recovered exactly
     */
    static byte[] nameBytes(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, "path has no file name: " + path);
        }
        return bytes(name, path);
    }

    /**
     * Returns the bytes of a whole path (such as a symlink target) as the file system stores them.
     *
     * @param path the path, exactly as the file system returned it
     * @param where the file the path belongs to, for error messages
     * @throws VaultException if the bytes cannot be recovered exactly
     */
    static byte[] bytes(Path path, Path where) {
        if (UNIX_PATH_BYTES != null && path.getClass().getName().equals("sun.nio.fs.UnixPath")) {
            try {
                return ((byte[]) UNIX_PATH_BYTES.invoke(path)).clone();
            } catch (Throwable e) {
                throw new VaultException(ErrorCode.INTERNAL_ERROR, "cannot read the raw name of " + where, e);
            }
        }
        String text = path.toString();
        // Without a replacement character the decoding was exact, so encoding gives the bytes back;
        // with one, the name is only trusted if resolving the String again finds the very same bytes.
        if (text.indexOf(REPLACEMENT) >= 0 && !roundTrips(text, path)) {
            throw new VaultException(ErrorCode.INVALID_ARGUMENT, where + ": the name is not valid "
                    + NATIVE.name() + " and its raw bytes cannot be read; run the JVM with"
                    + " --add-opens java.base/sun.nio.fs=ALL-UNNAMED (the vault launcher does)");
        }
        return text.getBytes(NATIVE);
    }

    private static boolean roundTrips(String text, Path path) {
        try {
            return path.getFileSystem().getPath(text).equals(path);
        } catch (InvalidPathException e) {
            return false; // U+FFFD is not even encodable in the platform charset
        }
    }

    private static Charset nativeCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    private static MethodHandle unixPathBytes() {
        try {
            Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
            var field = unixPath.getDeclaredField("path");
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not on Unix, or the module is not opened: fall back to the String form
            return null;
        }
    }
}
