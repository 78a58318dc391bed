package org.swhvault.examples.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code vault} command line. Results go to standard output, diagnostics to standard error.
 * Exit status: 0 on success, 1 when some input could not be processed, 2 on a usage error.
 */
@Command(name = "vault",
        mixinStandardHelpOptions = true,
        versionProvider = VaultVersion.class,
        description = "Software Heritage Vault tools: identify files and trees by SWHID, check SWHIDs, cook bundles.",
        subcommands = {IdentifyCommand.class, SwhidCommand.class, CookCommand.class, LoadCommand.class,
                org.swhvault.examples.http.ServeCommand.class, org.swhvault.examples.http.TokenCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:some input could not be processed", "2:usage error"})
public final class VaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final InputStream stdin;
    private final OutputStream stdoutBytes;

    private VaultCommand(InputStream stdin, OutputStream stdoutBytes) {
        this.stdin = stdin;
        this.stdoutBytes = stdoutBytes;
    }

    /** Returns standard output as bytes, for commands that write binary data there (not closed). */
    OutputStream stdoutBytes() {
        return stdoutBytes;
    }

    /** Returns the standard input the commands read. */
    InputStream stdin() {
        return stdin;
    }

    /** Without a sub-command there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: missing command");
        spec.commandLine().usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * Returns the command line wired to the given streams, ready for {@link CommandLine#execute}.
     *
     * @param stdin what {@code -} and line-reading commands read
     * @param out where results go
     * @param err where diagnostics go
     * @return the command line
     */
    public static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err) {
        return commandLine(stdin, new FileOutputStream(FileDescriptor.out), out, err);
    }

    /**
     * Returns the command line wired to the given streams, ready for {@link CommandLine#execute}.
     *
     * @param stdin what {@code -} and line-reading commands read
     * @param stdoutBytes where binary results go (a bundle cooked to {@code -})
     * @param out where text results go
     * @param err where diagnostics go
     * @return the command line
     */
    public static CommandLine commandLine(InputStream stdin, OutputStream stdoutBytes, PrintWriter out,
            PrintWriter err) {
        CommandLine cl = new CommandLine(new VaultCommand(stdin, stdoutBytes));
        cl.setOut(out);
        cl.setErr(err);
        // Help and version text are printed outside the commands: a closed standard output met there goes to
        // the same handler as one met by a command, not to picocli's stack trace.
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (UncheckedIOException e) {
                throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(), e.getMessage(), e);
            }
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Failure failure = Failure.of(e);
            if (failure.sentence() != null) {
                commandLine.getErr().println("error: " + failure.sentence());
            }
            return failure.exitCode();
        });
        // Always the usage after the error, also when picocli has a "did you mean" suggestion.
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter errors = cmd.getErr();
            errors.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, errors);
            cmd.usage(errors);
            return CommandLine.ExitCode.USAGE;
        });
        return cl;
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Charset charset = nativeCharset();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FailingOutputStream(new FileOutputStream(FileDescriptor.out)), charset), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset),
                true);
        int status;
        try {
            status = commandLine(System.in, out, err).execute(args);
            out.flush();
        } catch (OutOfMemoryError | StackOverflowError | UncheckedIOException e) {
            // Errors, and a closed standard output met while flushing, pass picocli's handler by; the same rule
            // applies to them.
            Failure failure = Failure.of(e);
            if (failure.sentence() != null) {
                err.println("error: " + failure.sentence());
            }
            status = failure.exitCode();
        }
        err.flush();
        System.exit(status);
    }

    /**
     * Standard output whose write errors reach the command: a {@link PrintWriter} would swallow them, and a
     * command whose reader went away ({@code vault swhid <endless | head -1}) would run on for nothing.
     * Thrown unchecked through the writer, they end the command as {@link Failure} says (quietly, 141).
     */
    private static final class FailingOutputStream extends FilterOutputStream {
        private boolean closed;

        FailingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            check();
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw closed(e);
            }
        }

        @Override
        public void flush() {
            check();
            try {
                out.flush();
            } catch (IOException e) {
                throw closed(e);
            }
        }

        /** Once the reader went away, every later write fails the same way, whatever buffers sit above. */
        private void check() {
            if (closed) {
                throw new UncheckedIOException(new Failure.OutputClosed(null));
            }
        }

        private UncheckedIOException closed(IOException e) {
            closed = true;
            return new UncheckedIOException(new Failure.OutputClosed(e));
        }
    }

    /** The charset arguments were decoded with: writing them back with it gives the same bytes. */
    private static Charset nativeCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
