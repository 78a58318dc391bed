package org.swhvault.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

import org.slf4j.LoggerFactory;
import org.swhvault.spi.VaultException;

import picocli.CommandLine;

/**
 * How a command failed: its exit status and the sentence it prints.
 *
 * <p>The one rule for what a failed command says and how it exits: one sentence on standard error, never a
 * Java class name or a stack trace (those go to the debug log), exit status 1; a closed standard output
 * (the reader of a pipe went away) ends quietly with the status of a SIGPIPE death, 141; running out of
 * memory says which option gives the JVM more.
 *
 * @param exitCode the process's exit status
 * @param sentence what to print after {@code error: }, or null to print nothing
 */
public record Failure(int exitCode, String sentence) {
    /** Exit status of a process killed by SIGPIPE, as the shell reports it. */
    static final int BROKEN_PIPE = 128 + 13;

    /**
     * Classifies what a command threw.
     *
     * @param e the failure
     * @return the exit status and the sentence to print (null: print nothing)
     */
    public static Failure of(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
            return new Failure(CommandLine.ExitCode.SOFTWARE, "the Java heap (" + heapMiB + " MiB) is too small for"
                    + " this; give it more, e.g. VAULT_JAVA_OPTS=-Xmx4g ./vault …");
        }
        if (isBrokenPipe(e)) {
            return new Failure(BROKEN_PIPE, null);
        }
        return new Failure(CommandLine.ExitCode.SOFTWARE, sentence(e));
    }

    /**
     * Returns what went wrong as one sentence without a Java class name.
     *
     * @param e what a command threw
     * @return the sentence
     */
    public static String describe(Throwable e) {
        return sentence(e);
    }

    private static String sentence(Throwable e) {
        if (e instanceof VaultException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException u) {
            return sentence(u.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "input/output error" : f.getReason().toLowerCase(Locale.ROOT);
            return f.getFile() == null ? reason : f.getFile() + ": " + reason;
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? "input/output error" : e.getMessage();
        }
        LoggerFactory.getLogger(Failure.class).debug("Unexpected failure", e);
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? "an internal error stopped the command; run it again with VAULT_JAVA_OPTS=-Dorg.slf4j.simpleLogger"
                        + ".defaultLogLevel=debug to see where"
                : message;
    }

    /** Standard output failed: its reader went away. Thrown by the command line's standard output. */
    static final class OutputClosed extends IOException {
        private static final long serialVersionUID = 1L;

        OutputClosed(IOException cause) {
            super("standard output is closed", cause);
        }
    }

    /**
     * Whether a command stopped because its standard output went away: the text output says so with
     * {@link OutputClosed}, the binary one ({@code cook … -}) with the system's "Broken pipe". Any other
     * closed stream is a bug, reported as such.
     */
    private static boolean isBrokenPipe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutputClosed
                    || t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }
}
