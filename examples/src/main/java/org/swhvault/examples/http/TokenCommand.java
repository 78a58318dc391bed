package org.swhvault.examples.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.swhvault.http.ApiTokens;
import org.swhvault.http.RateLimit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vault token}: API tokens for {@code vault serve --tokens}. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage the API tokens of vault serve --tokens FILE.",
        subcommands = TokenCommand.New.class)
public final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a sub-command there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: missing command (new)");
        spec.commandLine().usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code vault token new NAME}: a new token and its line of the tokens file. */
    @Command(name = "new",
            mixinStandardHelpOptions = true,
            description = {"Make a new API token for NAME. Prints the token, then its line of the tokens file "
                    + "(TOKEN_SHA256 NAME RATE_LIMIT COOK_RATE_LIMIT): give the token to NAME, and add the line to "
                    + "the file of vault serve --tokens FILE (--tokens does it), then restart the server. Only the "
                    + "line, which holds the token's hash, is kept: the token is printed once and never stored."})
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME",
                description = "Who holds the token, as the access log names them: a letter or digit, then letters, "
                        + "digits, '.', '_', '@', '+' or '-' (64 at most).")
        String name;

        @Option(names = "--rate-limit", paramLabel = "N/PERIOD|none", defaultValue = "600/min",
                description = "The requests it may make (default: ${DEFAULT-VALUE}, ten times the reference's "
                        + "anonymous limit).")
        String rateLimit;

        @Option(names = "--cook-rate-limit", paramLabel = "N/PERIOD|none", defaultValue = "1200/h",
                description = "The cooking requests it may make (default: ${DEFAULT-VALUE}).")
        String cookRateLimit;

        @Option(names = "--tokens", paramLabel = "FILE",
                description = "Also append the line to FILE, created readable by its owner only if missing.")
        Path tokens;

        @Override
        public Integer call() throws IOException {
            ApiTokens.Issued issued;
            try {
                issued = ApiTokens.issue(name, limit("--rate-limit", rateLimit), limit("--cook-rate-limit",
                        cookRateLimit));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            String line = issued.entry().line();
            if (tokens != null) {
                append(tokens, line);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(issued.token());
            out.println(line);
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("vault: the first line is the token, shown only now: give it to " + name
                    + (tokens != null ? "; the second was added to " + tokens + " (restart vault serve --tokens "
                            + tokens + " to accept it)" : "; add the second to the file of vault serve --tokens FILE"));
            err.flush();
            return 0;
        }

        private Optional<RateLimit> limit(String option, String text) {
            try {
                return ApiTokens.parseLimit(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
            }
        }

        private static void append(Path file, String line) throws IOException {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                            "rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
            } else {
                ApiTokens.load(file); // refuse to add to a file the server would refuse
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }
}
