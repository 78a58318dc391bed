package org.swhvault.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import org.swhvault.spi.VaultException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code vault swhid}: checks SWHIDs and prints their canonical form. */
@Command(name = "swhid",
        mixinStandardHelpOptions = true,
        versionProvider = VaultVersion.class,
        description = {
            "Check each SWHID and print its canonical form, or 'error: <reason>' if it is invalid: one"
                + " output line per input, in order, on standard output.",
            "Without SWHID arguments, reads one SWHID per line from standard input (a trailing CR is"
                + " ignored)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every SWHID is valid", "1:some SWHID is invalid", "2:usage error"})
final class SwhidCommand implements Callable<Integer> {
    @ParentCommand
    VaultCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--lenient",
            description = "Accept what the swh-model reference parser accepts (duplicate qualifiers, last"
                    + " one wins; lines=0; …) instead of the strict ISO 18670 rules.")
    boolean lenient;

    @Parameters(arity = "0..*", paramLabel = "SWHID", description = "The SWHIDs to check.")
    List<String> swhids;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean allValid = true;
        if (swhids != null && !swhids.isEmpty()) {
            for (String s : swhids) {
                allValid &= check(s, out);
            }
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8));
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    allValid &= check(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input", e);
            }
        }
        return allValid ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private boolean check(String text, PrintWriter out) {
        try {
            out.println(SwhidText.parse(text, lenient));
            return true;
        } catch (VaultException e) {
            out.println("error: " + e.getMessage());
            return false;
        }
    }
}
