package org.swhvault.source.swhpg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import org.swhvault.core.source.CompleteView;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.objstorage.PathSlicingObjStorageProvider;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.postgres.TestPostgres;

/** An archive for tests: a database of one flavour on a test server, and a pathslicing objstorage. */
final class Archives {
    private static int databases;

    private Archives() {
    }

    /** A fresh database with the schema of {@code flavor}. */
    static PostgresLocation database(TestPostgres postgres, SwhSchema.Flavor flavor) throws SQLException {
        String name;
        synchronized (Archives.class) {
            name = "swh_" + flavor.name().toLowerCase() + "_" + (++databases);
        }
        postgres.createDatabase(name, "pw");
        PostgresLocation location = new PostgresLocation("127.0.0.1", postgres.port(), name, name, Optional.of("pw"));
        try (Connection c = connect(location)) {
            SwhSchema.create(c, flavor);
        }
        return location;
    }

    /** Cooks {@code swhid} as the vault does (through {@link CompleteView}), into memory. */
    static byte[] cook(Cooker cooker, Swhid swhid, ObjectSource source) throws IOException {
        return cook(cooker, swhid, source, false);
    }

    /** Cooks as an attempt does, the last one that may wait for the mirror if {@code placeholders}. */
    static byte[] cook(Cooker cooker, Swhid swhid, ObjectSource source, boolean placeholders) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cooker.cook(swhid, CompleteView.of(source, swhid, placeholders), out, CookContext.silent());
        return out.toByteArray();
    }

    /** Runs one statement in the database. */
    static void sql(PostgresLocation db, String statement) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    static Connection connect(PostgresLocation l) throws SQLException {
        return DriverManager.getConnection(l.jdbcUrl(), l.user(), l.password().orElseThrow());
    }

    static ObjStorage objstorage(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PathSlicingObjStorageProvider().create(Map.of("root", root.toString()));
    }

    /** Loads the current snapshot of the git repository {@code repo}; returns the loader's summary. */
    static SwhLoader.Summary load(Path repo, PostgresLocation db, ObjStorage objstorage, Path tmp)
            throws SQLException {
        try (GitObjectSource git = GitObjectSource.open(repo); Connection c = connect(db)) {
            return SwhLoader.load(git, git.currentSnapshot().id(), c, objstorage, Optional.of("https://example.org/r"),
                    tmp, s -> { });
        }
    }
}
