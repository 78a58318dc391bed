package org.swhvault.examples.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

import org.swhvault.core.VaultBuilder;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.io.AtomicFile;
import org.swhvault.core.io.SizeLimitedOutputStream;
import org.swhvault.core.source.CompleteView;
import org.swhvault.examples.http.ByteSize;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vault cook}: cooks one bundle from a local git repository or a Software Heritage archive into a file, like
 * {@code swh vault cook}. The file appears only when the bundle is complete.
 */
@Command(name = "cook",
        mixinStandardHelpOptions = true,
        versionProvider = VaultVersion.class,
        description = {
            "Cook the bundle of an object of a git repository (--repo) or of a Software Heritage archive (--storage) and write it to OUTFILE ('-' for standard"
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

    @Mixin
    ArchiveOptions archive;

    @Option(names = {"-t", "--bundle-type"}, paramLabel = "TYPE",
            description = "flat, gitfast or git-bare. Default: flat for a directory, git-bare for a release"
                    + " or a snapshot; required for a revision.")
    String bundleType;

    @Option(names = "--compression", paramLabel = "NAME",
            description = "gzip (the default, what the reference vault serves) or zstd (flat and gitfast only: about"
                    + " twice as fast to cook, about as small as gzip; name the file .tar.zst or .gitfast.zst, read it with zstd -d).")
    String compressionName;

    @Option(names = "--max-size", paramLabel = "SIZE", converter = ByteSize.ZeroMeansNone.class,
            description = "Fail as soon as the bundle grows past this size, such as 512MiB or 4GiB; 0 for no limit"
                    + " (default: 1GiB, the reference vault's limit and vault serve's).")
    Long maxSizeOption;

    @Option(names = "--placeholders", description = "With --storage (a mirror): write the reference vault's"
            + " placeholder text for a content the mirror has not received yet (no row, or no bytes in the"
            + " objstorage), as the reference does, instead of failing. Hidden and skipped contents are always"
            + " placeholders.")
    boolean placeholders;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "SWHID", description = "The object to cook (qualifiers are ignored).")
    String swhidText;

    @Parameters(index = "1", paramLabel = "OUTFILE", description = "Where to write the bundle; '-' for standard"
            + " output. A device or a pipe (/dev/null, >(…)) is written into, not replaced.")
    String outfile;

    @Override
    public Integer call() throws IOException {
        archive.check();
        PrintWriter err = spec.commandLine().getErr();
        Swhid swhid;
        BundleType type;
        Cooker cooker;
        try {
            swhid = Swhid.parse(swhidText).toCore();
        } catch (VaultException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "SWHID '" + swhidText + "': " + e.getMessage(),
                    e);
        }
        try {
            type = bundleType(swhid.type());
        } catch (VaultException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            cooker = Cookers.discover().forObject(type, swhid.type());
        } catch (VaultException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bundle-type " + type.apiName() + " does not"
                    + " apply to " + swhid + ": " + e.getMessage(), e);
        }
        BundleCompression compression = compression(type);
        cooker = cooker.compressedWith(compression).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "--compression " + compression + ": this cooker does not compress that way"));
        long maxSize = maxSizeOption != null ? maxSizeOption : VaultBuilder.DEFAULT_MAX_BUNDLE_SIZE;
        boolean toStdout = "-".equals(outfile);
        // A device, a pipe or a socket (/dev/null, the /dev/fd/63 of >(…)) is written into as standard output is:
        // there is no file to publish whole, and a rename would replace the device.
        OutputStream special = toStdout ? null : openSpecialFile(Path.of(outfile));
        AtomicFile output;
        try {
            // Checked before the repository is even opened: a wrong output path costs nothing.
            output = toStdout || special != null ? null : AtomicFile.create(Path.of(outfile), maxSize);
        } catch (VaultException e) {
            if (e.code() != ErrorCode.INVALID_ARGUMENT) {
                throw e;
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "OUTFILE: " + e.getMessage(), e);
        }
        ObjectSource opened;
        try {
            opened = archive.open(PluginContext.standalone("cook"));
        } catch (RuntimeException e) {
            if (output != null) {
                output.abandon();
            }
            if (special != null) {
                special.close();
            }
            if (e instanceof IllegalArgumentException) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            throw e;
        }
        try (AtomicFile file = output; OutputStream device = special; ObjectSource source = opened) {
            if (!source.exists(swhid)) {
                throw new VaultException(ErrorCode.OBJECT_NOT_FOUND, swhid + " was not found in "
                        + (archive.isRepository() ? archive.repository().toAbsolutePath().normalize().toString()
                                : archive.describe()) + ".");
            }
            ProgressPrinter progress = new ProgressPrinter(err, quiet, Boolean.getBoolean("vault.stderr.tty"));
            if (type == BundleType.FLAT && swhid.type() == ObjectType.REVISION && !quiet) {
                announceHistory(err, source, swhid, maxSize);
            }
            if (file == null) {
                OutputStream out = new SizeLimitedOutputStream(new BufferedOutputStream(toStdout ? parent.stdoutBytes()
                        : device, 1 << 16), maxSize == 0 ? Long.MAX_VALUE : maxSize);
                cook(cooker, swhid, source, out, progress);
                out.flush();
            } else {
                Thread cleanup = new Thread(() -> {
                    if (!file.isCommitted()) {
                        file.abandon();
                        err.println("vault: interrupted; removed the partial bundle (" + outfile + " was not written)");
                        err.flush();
                    }
                }, "vault-cook-interrupted");
                Runtime.getRuntime().addShutdownHook(cleanup);
                try {
                    cook(cooker, swhid, source, file.stream(), progress);
                    file.commit();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(cleanup);
                    } catch (IllegalStateException shuttingDown) {
                        // interrupted: the hook runs and cleans up
                    }
                }
            }
            progress.finish(type.apiName() + (compression == BundleCompression.GZIP ? "" : " (" + compression + ")")
                    + " bundle of " + swhid + " written to " + outfile);
        }
        return CommandLine.ExitCode.OK;
    }

    /** Opens OUTFILE for writing when it exists and is neither a regular file nor a directory; else returns null. */
    private static OutputStream openSpecialFile(Path path) throws IOException {
        if (!Files.exists(path) || Files.isRegularFile(path) || Files.isDirectory(path)) {
            return null;
        }
        return Files.newOutputStream(path, StandardOpenOption.WRITE);
    }

    /**
     * Cooks; a bundle over the limit, or an object the mirror lacks, says which option or wait helps (the
     * library's sentence is the reference's).
     */
    private void cook(Cooker cooker, Swhid swhid, ObjectSource source, OutputStream out,
            ProgressPrinter progress) throws IOException {
        try {
            cooker.cook(swhid, CompleteView.of(source, swhid, placeholders), out, progress);
        } catch (VaultException e) {
            String sentence = e.getMessage().replaceFirst("\\.$", "");
            if (e.code() == ErrorCode.BUNDLE_TOO_LARGE) {
                throw new VaultException(e.code(), sentence + "; give a larger --max-size, or 0 for no limit.", e);
            }
            if (e.code() == ErrorCode.NOT_YET_AVAILABLE) {
                throw new VaultException(e.code(), sentence + ": try again once it is replicated"
                        + (sentence.contains("swh:1:cnt:") ? ", or give --placeholders to write the reference's"
                        + " placeholder text for it." : "."), e);
            }
            throw e;
        }
    }

    /**
     * A flat bundle of a revision holds one tree per revision of its history, which can be far bigger
     * than the repository: say how many before starting.
     */
    private static void announceHistory(PrintWriter err, ObjectSource source, Swhid swhid, long maxSize) {
        long revisions;
        try (var log = source.revisionLog(swhid.id())) {
            revisions = log.count();
        }
        err.println("vault: the flat bundle of " + swhid + " holds one directory per revision of its history: "
                + revisions + (revisions == 1 ? " revision" : " revisions")
                + (maxSize == 0 ? ", with no size limit" : ", up to " + ByteSize.format(maxSize) + " (--max-size)"));
        err.flush();
    }

    private BundleCompression compression(BundleType type) {
        if (compressionName == null) {
            return BundleCompression.GZIP;
        }
        BundleCompression compression = BundleCompression.fromName(compressionName).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "--compression: unknown compression '"
                        + compressionName + "'; expected gzip or zstd"));
        try {
            compression.checkApplies(type);
        } catch (VaultException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--compression " + compression + ": "
                    + e.getMessage(), e);
        }
        return compression;
    }

        private BundleType bundleType(ObjectType objectType) {
        if (bundleType != null) {
            return BundleType.fromName(bundleType).orElseThrow(() -> new VaultException(ErrorCode.INVALID_ARGUMENT,
                    "--bundle-type: unknown bundle type '" + bundleType + "'; expected flat, gitfast or git-bare"));
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
}
