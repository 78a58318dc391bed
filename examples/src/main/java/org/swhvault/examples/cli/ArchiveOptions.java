package org.swhvault.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.objstorage.ObjStorageSpec;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Plugins;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.source.ObjectSourceProvider;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where {@code vault cook} and {@code vault serve} read the archive: a git repository ({@code --repo}), or a
 * Software Heritage archive ({@code --storage}): swh-storage's PostgreSQL database with the objstorage holding
 * the file bytes ({@code --objstorage}), or a swh-storage RPC server, which serves the bytes itself.
 */
public final class ArchiveOptions {
    // Plain options checked by check(), not picocli's exclusive argument groups: those answer both options, or
    // one given twice, with their own syntax ("expected only one match but got ([--objstorage=SPEC] (…))").
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--repo", paramLabel = "GITDIR",
            description = "The git repository to read (bare, or a working tree holding .git). Exclusive with"
                    + " --storage.")
    Path repo;

    @Option(names = "--storage", paramLabel = "URL",
            description = "A Software Heritage archive: swh-storage's PostgreSQL database "
                    + "(postgresql://USER@HOST:PORT/DB[?sslmode=verify-full&sslrootcert=FILE&…]; the password from "
                    + "PGPASSWORD or ~/.pgpass; libpq's parameters sslmode, sslrootcert, sslcert, sslkey, "
                    + "connect_timeout, application_name, options, target_session_attrs, keepalives), with "
                    + "--objstorage; or a swh-storage RPC server (http://HOST:5002/), which serves file bytes "
                    + "itself.")
    String storage;

    @Option(names = "--objstorage", paramLabel = "SPEC",
            description = "With --storage postgresql://…: where the file bytes are, as swh-objstorage stores them: "
                    + "pathslicing:DIR (slicing 0:2/2:4, gzip, as a mirror has it), "
                    + "pathslicing:root=DIR,slicing=0:2/2:4/4:6,compression=none, or s3:bucket=B,prefix=P,… .")
    String objstorage;

    /**
     * Checks that exactly one archive is named.
     *
     * @throws CommandLine.ParameterException a usage error saying which of the two to give
     */
    public void check() {
        if (repo == null && storage == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "Missing the archive to read: give"
                    + " --repo GITDIR (a git repository) or --storage URL (a Software Heritage archive).");
        }
        if (repo != null && storage != null) {
            throw new CommandLine.ParameterException(command.commandLine(), "--repo and --storage are exclusive:"
                    + " give a git repository (--repo) or a Software Heritage archive (--storage), not both.");
        }
    }

    /** Returns whether the archive is a git repository. */
    public boolean isRepository() {
        return repo != null;
    }

    /** Returns the git repository, when the archive is one. */
    public Path repository() {
        return repo;
    }

    /**
     * Opens the archive.
     *
     * @param context what plug-ins are lent
     * @return the source; the caller closes it
     * @throws IllegalArgumentException with a sentence for the user when the options do not fit together
     */
    public ObjectSource open(PluginContext context) {
        if (repo != null) {
            if (objstorage != null) {
                throw new IllegalArgumentException("--objstorage goes with --storage postgresql://…; a git repository"
                        + " (--repo) holds its file bytes itself");
            }
            return GitObjectSource.open(repo);
        }
        String name = providerName();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", storage);
        if (name.equals("swh-postgresql")) {
            if (objstorage == null) {
                throw new IllegalArgumentException("--storage " + describe() + " needs --objstorage, where the file"
                        + " bytes are (such as pathslicing:/srv/softwareheritage/objects)");
            }
            // a malformed value is a usage error, found before any connection
            try {
                PostgresLocation.parse(storage); // its parameters too (?sslmode=…)
            } catch (VaultException e) {
                throw usage("--storage", e);
            }
            try {
                ObjStorageSpec.parse(objstorage);
            } catch (VaultException e) {
                throw usage("--objstorage", e);
            }
            settings.put("objstorage", objstorage);
        } else if (objstorage != null) {
            throw new IllegalArgumentException("--objstorage goes with --storage postgresql://…; a swh-storage RPC"
                    + " server serves file bytes itself");
        }
        return Plugins.create(ObjectSourceProvider.class, name, settings, context, ArchiveOptions.class.getClassLoader());
    }

    /** The option's name, then why its value is refused. */
    static IllegalArgumentException usage(String option, VaultException e) {
        String why = e.getMessage();
        return new IllegalArgumentException(option + ": " + Character.toLowerCase(why.charAt(0)) + why.substring(1), e);
    }

    private String providerName() {
        String scheme = URI.create(storage.strip().replace(" ", "%20")).getScheme();
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "postgresql", "postgres" -> "swh-postgresql";
            case "http", "https" -> "swh-storage-rpc";
            default -> throw new IllegalArgumentException("--storage '" + storage + "': expected "
                    + "postgresql://USER@HOST:PORT/DB (swh-storage's database) or http://HOST:PORT/ (a swh-storage"
                    + " RPC server)");
        };
    }

    /** Names the archive for messages, without any password. */
    public String describe() {
        if (repo != null) {
            return "repository " + repo;
        }
        return PostgresLocation.redact(storage.replaceFirst("(://[^/:@]*):[^@/]*@", "$1:***@"));
    }
}
