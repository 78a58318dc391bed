package org.swhvault.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.swhvault.core.identify.DiskIdentifier;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Identifiers;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code vault identify}: the SWHID of files, directories, repositories and origins, like {@code swh identify}. */
@Command(name = "identify",
        mixinStandardHelpOptions = true,
        versionProvider = VaultVersion.class,
        sortOptions = false,
        description = {
            "Compute the SWHID of each ARG and print SWHID<TAB>ARG, like swh identify.",
            "Files and directories are hashed as Software Heritage does: symlinks inside trees are not"
                + " followed (a link's content is its target), empty directories are kept, any execute bit"
                + " means 100755, special files are empty, names are raw bytes."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every ARG was identified (with --verify: the SWHID matches)",
            "1:some ARG could not be identified, e.g. a missing file (the others are still printed);"
                + " with --verify: the SWHID does not match",
            "2:usage error (unknown option, bad --type, no ARG, --verify with several ARGs)"})
final class IdentifyCommand implements Callable<Integer> {
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

    @ParentCommand
    VaultCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "auto",
            converter = IdentifyType.Converter.class, completionCandidates = IdentifyType.Names.class,
            description = {"What ARG is: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                "auto: a directory is identified as a directory, anything else as a content; an ARG that"
                    + " does not exist but looks like a URL (scheme://…) as an origin.",
                "snapshot: ARG is a git repository (work tree or bare); its snapshot has every ref plus"
                    + " HEAD as an alias.",
                "origin: ARG is an origin URL; its SWHID is swh:1:ori:<sha1 of the URL>."})
    IdentifyType type;

    @Option(names = "--dereference", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Follow a symlink given as ARG (the default); with --no-dereference the link"
                    + " itself is identified, as a content holding its target path.")
    boolean dereference;

    @Option(names = "--filename", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print ARG after the SWHID (the default); --no-filename prints the SWHID alone.")
    boolean filename;

    @Option(names = {"-x", "--exclude"}, paramLabel = "PATTERN",
            description = "Leave out sub-directories whose path (relative to ARG) matches this glob; '*'"
                    + " also matches '/', so '*.git' excludes every .git directory. Repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-v", "--verify"}, paramLabel = "SWHID",
            description = "Check that the single ARG has this SWHID: print 'SWHID match: …' and exit 0,"
                    + " or 'SWHID mismatch: … != …' and exit 1.")
    String verify;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", converter = OptionTypes.Positive.class,
            description = "Hash files on N threads (default: the number of processors).")
    Integer jobs;

    @Parameters(arity = "1..*", paramLabel = "ARG",
            description = "A file, directory, git repository or URL; '-' reads a content from standard input.")
    List<String> args;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Swhid expected = null;
        if (verify != null) {
            if (args.size() != 1) {
                throw new ParameterException(cl, "--verify needs exactly one ARG, got " + args.size());
            }
            try {
                expected = SwhidText.parse(verify, false);
            } catch (VaultException e) {
                throw new ParameterException(cl, "Invalid value for option '--verify': " + e.getMessage());
            }
        }
        DiskIdentifier identifier = identifier(cl);
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        int status = CommandLine.ExitCode.OK;
        for (String arg : args) {
            Swhid swhid;
            try {
                swhid = identify(identifier, arg);
            } catch (VaultException | ArgumentError e) {
                err.println("error: " + e.getMessage());
                err.flush();
                status = CommandLine.ExitCode.SOFTWARE;
                continue;
            }
            if (expected != null) {
                if (SwhidText.sameObject(expected, swhid)) {
                    out.println("SWHID match: " + swhid);
                    return CommandLine.ExitCode.OK;
                }
                out.println("SWHID mismatch: " + verify + " != " + swhid);
                return CommandLine.ExitCode.SOFTWARE;
            }
            out.println(filename ? swhid + "\t" + arg : swhid.toString());
        }
        return status;
    }

    private DiskIdentifier identifier(CommandLine cl) {
        DiskIdentifier.Builder builder = DiskIdentifier.builder().dereference(dereference);
        if (jobs != null) {
            builder.parallelism(jobs);
        }
        try {
            return builder.exclude(excludes).build();
        } catch (VaultException e) {
            throw new ParameterException(cl, "Invalid value for option '--exclude': " + e.getMessage());
        }
    }

    private Swhid identify(DiskIdentifier identifier, String arg) throws ArgumentError {
        if (arg.equals("-")) {
            if (type != IdentifyType.AUTO && type != IdentifyType.CONTENT) {
                throw new ArgumentError("-: standard input can only be identified as a content");
            }
            return identifier.content(parent.stdin());
        }
        if (type == IdentifyType.ORIGIN) {
            return origin(arg);
        }
        Path path = path(arg);
        if (!exists(path)) {
            if (type == IdentifyType.AUTO && URL.matcher(arg).matches()) {
                return origin(arg);
            }
            throw new ArgumentError(arg + ": no such file or directory");
        }
        return switch (type) {
            case AUTO -> identifier.identify(path);
            case CONTENT -> identifier.content(path);
            case DIRECTORY -> identifier.directory(path);
            case SNAPSHOT -> Snapshots.swhid(path);
            case ORIGIN -> throw new IllegalStateException("handled above");
        };
    }

    private static Swhid origin(String url) {
        return Swhid.of(ObjectType.ORIGIN, Identifiers.origin(url));
    }

    private boolean exists(Path path) {
        return dereference ? Files.exists(path) : Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static Path path(String arg) throws ArgumentError {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            throw new ArgumentError(arg + ": not a valid path (" + e.getReason() + ")");
        }
    }

    /** An ARG that cannot be identified (missing file, wrong kind); reported, then the next ARG is processed. */
    static final class ArgumentError extends Exception {
        private static final long serialVersionUID = 1L;

        ArgumentError(String message) {
            super(message, null, false, false);
        }
    }
}
