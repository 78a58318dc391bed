package org.swhvault.examples.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.swhvault.core.cook.Cookers;
import org.swhvault.core.internal.io.SizeLimitedOutputStream;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vault cook}: cooks one bundle from a local git repository into a file, like
 * {@code swh vault cook}. The file appears only when the bundle is complete.
 */
@Command(name = "cook",
        mixinStandardHelpOptions = true,
        versionProvider = VaultVersion.class,
        description = {
            "Cook the bundle of an object of a git repository and write it to OUTFILE ('-' for standard"
                + " output). The file is written under a temporary name and renamed when complete: a"
                + " failed or interrupted cook leaves nothing behind.",
            "Bundle types: flat (tar.gz of a directory, or of every revision of a history), gitfast (a"
                + " gzip git fast-import stream of a revision's history), git-bare (a tar of a bare git"
                + " repository; for directories, revisions, releases and snapshots)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the bundle was written", "1:the object could not be cooked", "2:usage error"})
final class CookCommand implements Callable<Integer> {
    @ParentCommand
    VaultCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "GITDIR",
            description = "The git repository to read (bare, or a working tree holding .git).")
    Path repo;

    @Option(names = {"-t", "--bundle-type"}, paramLabel = "TYPE",
            description = "flat, gitfast or git-bare. Default: flat for a directory, git-bare for a release"
                    + " or a snapshot; required for a revision.")
    String bundleType;

    @Option(names = "--max-size", paramLabel = "BYTES",
            description = "Fail when the bundle would exceed this many bytes (default: no limit).")
    Long maxSize;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "SWHID", description = "The object to cook (qualifiers are ignored).")
    String swhidText;

    @Parameters(index = "1", paramLabel = "OUTFILE", description = "Where to write the bundle; '-' for standard output.")
    String outfile;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Swhid swhid;
        BundleType type;
        try {
            swhid = Swhid.parse(swhidText).toCore();
            type = bundleType(swhid.type());
        } catch (VaultException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (maxSize != null && maxSize < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-size must be at least 0, got " + maxSize);
        }
        Cooker cooker = Cookers.discover().forObject(type, swhid.type());
        try (GitObjectSource source = GitObjectSource.open(repo)) {
            if (!source.exists(swhid)) {
                throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " was not found in " + repo + ".");
            }
            ProgressPrinter progress = new ProgressPrinter(err, quiet, Boolean.getBoolean("vault.stderr.tty"));
            if ("-".equals(outfile)) {
                OutputStream out = limited(new BufferedOutputStream(parent.stdoutBytes(), 1 << 16));
                cooker.cook(swhid, source, out, progress);
                out.flush();
            } else {
                cookToFile(cooker, swhid, source, Path.of(outfile), progress);
            }
            progress.finish(type.apiName() + " bundle of " + swhid + " written to " + outfile);
        }
        return CommandLine.ExitCode.OK;
    }

    private BundleType bundleType(ObjectType objectType) {
        if (bundleType != null) {
            return BundleType.fromName(bundleType).orElseThrow(() -> new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "unknown bundle type '" + bundleType + "': expected flat, gitfast or git-bare"));
        }
        return switch (objectType) {
            case DIRECTORY -> BundleType.FLAT;
            case RELEASE, SNAPSHOT -> BundleType.GIT_BARE;
            case REVISION -> throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "a revision can be cooked as flat, gitfast or git-bare: choose with --bundle-type");
            default -> throw new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "Content objects do not need to be cooked: read them directly from the repository");
        };
    }

    private OutputStream limited(OutputStream out) {
        return maxSize == null ? out : new SizeLimitedOutputStream(out, maxSize);
    }

    /** Writes to a temporary file beside the target, then renames it: the target is complete or absent. */
    private void cookToFile(Cooker cooker, Swhid swhid, GitObjectSource source, Path target, ProgressPrinter progress)
            throws IOException {
        Path dir = Optional.ofNullable(target.toAbsolutePath().getParent()).orElse(Path.of("."));
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream file = java.nio.channels.Channels.newOutputStream(channel);
                    OutputStream out = limited(new BufferedOutputStream(file, 1 << 16))) {
                cooker.cook(swhid, source, out, progress);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
