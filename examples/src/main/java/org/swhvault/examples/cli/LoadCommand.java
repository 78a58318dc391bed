package org.swhvault.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.objstorage.ObjStorageSpec;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.source.swhpg.SwhLoader;
import org.swhvault.source.swhpg.SwhSchema;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vault load}: writes a git repository's objects and snapshot into a Software Heritage archive
 * (swh-storage's PostgreSQL database and an objstorage), as swh-loader-git does.
 */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        versionProvider = VaultVersion.class,
        description = {
            "Write every object of a git repository, and its snapshot, into a Software Heritage archive:"
                + " swh-storage's PostgreSQL database (--storage) and an objstorage for the file bytes"
                + " (--objstorage), as swh-loader-git would. Incremental: objects already there are skipped."
                + " With --origin, a visit of that origin is recorded with the snapshot.",
            "The database must hold swh-storage's schema (created by swh-storage, or by --create-schema)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the repository was loaded", "1:it could not be loaded", "2:usage error"})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "GITDIR",
            description = "The git repository to load (bare, or a working tree holding .git).")
    Path repo;

    @Option(names = "--storage", required = true, paramLabel = "URL",
            description = "swh-storage's database: postgresql://USER@HOST:PORT/DB[?sslmode=verify-full&…] (the"
                    + " password from PGPASSWORD or ~/.pgpass; libpq's parameters sslmode, sslrootcert, sslcert,"
                    + " sslkey, connect_timeout, application_name, options, target_session_attrs, keepalives).")
    String storage;

    @Option(names = "--objstorage", required = true, paramLabel = "SPEC",
            description = "Where the file bytes go: pathslicing:DIR (slicing 0:2/2:4, gzip), or"
                    + " pathslicing:root=DIR,slicing=…,compression=…, or s3:bucket=…,… .")
    String objstorage;

    @Option(names = "--origin", paramLabel = "URL", description = "Record a visit of this origin with the snapshot.")
    String origin;

    @Option(names = "--create-schema", paramLabel = "FLAVOUR",
            description = "First create swh-storage's tables in the database, unless it has them: default or"
                    + " mirror.")
    String createSchema;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PostgresLocation location;
        ObjStorageSpec objects;
        Optional<SwhSchema.Flavor> flavor = Optional.empty();
        try {
            location = PostgresLocation.parse(storage);
        } catch (VaultException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), ArchiveOptions.usage("--storage", e)
                    .getMessage(), e);
        }
        try {
            objects = ObjStorageSpec.parse(objstorage);
            if (createSchema != null) {
                flavor = Optional.of(switch (createSchema) {
                    case "default" -> SwhSchema.Flavor.DEFAULT;
                    case "mirror" -> SwhSchema.Flavor.MIRROR;
                    default -> throw new IllegalArgumentException("--create-schema: expected default or mirror, got '"
                            + createSchema + "'");
                });
            }
        } catch (VaultException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path tmp = Files.createTempDirectory("vault-load");
        try (GitObjectSource git = GitObjectSource.open(repo);
                ObjStorage store = objects.create(PluginContext.standalone("load"),
                        LoadCommand.class.getClassLoader())) {
            // The README's load command is run again to load new commits: a schema already there is kept.
            if (flavor.isPresent() && SwhSchema.existsIn(location)) {
                err.println("vault: " + location + " already holds swh-storage's schema; --create-schema left it as"
                        + " it is");
            } else if (flavor.isPresent()) {
                SwhSchema.createIn(location, flavor.get());
            }
            ObjectId snapshot = git.currentSnapshot().id();
            SwhLoader.Summary summary = SwhLoader.loadInto(location, git, snapshot, store,
                    Optional.ofNullable(origin), tmp, line -> {
                        if (!quiet) {
                            err.println("vault: " + line);
                            err.flush();
                        }
                    });
            err.println("vault: loaded " + Swhid.of(ObjectType.SNAPSHOT, snapshot) + " into " + location + ": "
                    + summary);
            return CommandLine.ExitCode.OK;
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }
}
