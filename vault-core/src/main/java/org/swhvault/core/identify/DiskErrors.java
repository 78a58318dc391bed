package org.swhvault.core.identify;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/** Turns file-system failures into {@link VaultException}s whose message starts with the path. */
final class DiskErrors {
    private DiskErrors() {
    }

    static VaultException wrap(Path path, Throwable e) {
        if (e instanceof CompletionException && e.getCause() != null) {
            return wrap(path, e.getCause());
        }
        if (e instanceof VaultException v) {
            return v;
        }
        if (e instanceof NoSuchFileException) {
            return new VaultException(ErrorCode.INVALID_ARGUMENT, path + ": no such file or directory", e);
        }
        if (e instanceof AccessDeniedException) {
            return new VaultException(ErrorCode.SOURCE_FAILURE, path + ": permission denied", e);
        }
        if (e instanceof NotDirectoryException) {
            return new VaultException(ErrorCode.INVALID_ARGUMENT, path + ": not a directory", e);
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return new VaultException(ErrorCode.SOURCE_FAILURE, path + ": " + fs.getReason(), e);
        }
        if (e instanceof IOException) {
            return new VaultException(ErrorCode.SOURCE_FAILURE, path + ": " + e.getMessage(), e);
        }
        return new VaultException(ErrorCode.INTERNAL_ERROR, path + ": " + e, e);
    }
}
