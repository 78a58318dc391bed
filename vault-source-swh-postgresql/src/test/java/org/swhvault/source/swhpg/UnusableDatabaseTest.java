package org.swhvault.source.swhpg;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.objstorage.PathSlicingObjStorageProvider;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database a mirror operator cannot use (a wrong password, no password, a missing database, no server, no
 * swh-storage tables) fails the source and the loader at once with one sentence that says which and never shows
 * the password, as does a server that goes away while the source reads; so does an objstorage named with the wrong layout,
 * which would otherwise turn every file of every bundle into a placeholder.
 */
class UnusableDatabaseTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;
    static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        postgres.createDatabase("mirror", "right-secret");
        history = SampleRepositories.history(tmp.resolve("history"));
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    static PostgresLocation at(int port, String database, String password) {
        return new PostgresLocation("127.0.0.1", port, database, "mirror", Optional.ofNullable(password));
    }

    static VaultException opening(PostgresLocation db) {
        ObjStorage objects = Archives.objstorage(tmp.resolve("objects"));
        return catching(() -> SwhPostgresSource.open(db, 2, objects).close());
    }

    static VaultException loading(PostgresLocation db) {
        return catching(() -> {
            try (GitObjectSource git = GitObjectSource.open(history.dir())) {
                SwhLoader.loadInto(db, git, git.currentSnapshot().id(), Archives.objstorage(tmp.resolve("objects")),
                        Optional.empty(), tmp, s -> { });
            }
        });
    }

    static VaultException catching(Runnable action) {
        try {
            action.run();
        } catch (VaultException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILURE);
            assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("\n");
            return e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void theSourceSaysWhyItCannotConnect() {
        int port = postgres.port();
        String db = "postgresql://mirror@127.0.0.1:" + port + "/mirror";
        assertThat(opening(at(port, "mirror", "wrong-secret"))).hasMessage("Cannot read the swh-storage database " + db
                + ": PostgreSQL at 127.0.0.1:" + port + " refused the user 'mirror': wrong password, or no access to"
                + " the database.");
        assertThat(opening(at(port, "mirror", null))).hasMessage("Cannot read the swh-storage database " + db
                + ": PostgreSQL at 127.0.0.1:" + port + " refused the user 'mirror': no password was found (set"
                + " PGPASSWORD, or add a line to ~/.pgpass).");
        assertThat(opening(at(port, "nowhere", "right-secret"))).hasMessage("Cannot read the swh-storage database"
                + " postgresql://mirror@127.0.0.1:" + port + "/nowhere: The database 'nowhere' does not exist on"
                + " PostgreSQL at 127.0.0.1:" + port + "; create it (createdb -O mirror nowhere) or name another.");
        assertThat(opening(at(closedPort, "mirror", "right-secret"))).hasMessage("Cannot read the swh-storage database"
                + " postgresql://mirror@127.0.0.1:" + closedPort + "/mirror: Cannot reach PostgreSQL at 127.0.0.1:"
                + closedPort + ": Connection to 127.0.0.1:" + closedPort + " refused.");
    }

    @Test
    void theLoaderSaysWhyItCannotConnect() {
        int port = postgres.port();
        assertThat(loading(at(port, "mirror", "wrong-secret"))).hasMessage("Cannot use postgresql://mirror@127.0.0.1:"
                + port + "/mirror: PostgreSQL at 127.0.0.1:" + port + " refused the user 'mirror': wrong password, or"
                + " no access to the database.");
        assertThat(loading(at(closedPort, "mirror", "right-secret"))).hasMessage("Cannot use"
                + " postgresql://mirror@127.0.0.1:" + closedPort + "/mirror: Cannot reach PostgreSQL at 127.0.0.1:"
                + closedPort + ": Connection to 127.0.0.1:" + closedPort + " refused.");
    }

    @Test
    void anObjstorageWithTheWrongSlicingIsRefusedAndOneThatLagsIsNot() throws Exception {
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        Path objects = tmp.resolve("layout");
        Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        ObjStorage wrong = new PathSlicingObjStorageProvider().create(Map.of("root", objects.toString(), "slicing",
                "0:2/2:4/4:6"));
        String first = postgres.psql(db.database(), "SELECT encode(sha1_git, 'hex') FROM content"
                + " WHERE status = 'visible' LIMIT 1");
        assertThat(catching(() -> SwhPostgresSource.open(db, 2, wrong).close())).hasMessage("The objstorage " + wrong
                + " holds none of the " + postgres.psql(db.database(), "SELECT least(16, count(*)) FROM content")
                + " contents that " + db + " lists first as visible (such as swh:1:cnt:" + first + "): check its root"
                + " and slicing.");
        String sha1 = postgres.psql(db.database(), "SELECT encode(sha1, 'hex') FROM content"
                + " WHERE sha1_git = '\\x" + first + "'");
        try (Stream<Path> files = Files.walk(objects)) {
            Files.delete(files.filter(f -> f.getFileName().toString().equals(sha1)).findFirst().orElseThrow());
        }
        SwhPostgresSource.open(db, 2, Archives.objstorage(objects)).close();
    }

    @Test
    void aServerThatGoesAwayIsNamedWhenTheSourceReads() throws Exception {
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        Path objects = tmp.resolve("away");
        Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        ObjectId head = ObjectId.fromHex(postgres.psql(db.database(), "SELECT encode(id, 'hex') FROM revision LIMIT 1"));
        try (SwhPostgresSource source = SwhPostgresSource.open(db, 2, Archives.objstorage(objects))) {
            assertThat(source.revision(head)).isPresent();
            postgres.stop();
            try {
                catching(() -> source.revision(head)); // its pooled connection, cut: PostgreSQL's own sentence
                assertThat(catching(() -> source.revision(head))).hasMessage("Reading revisions from " + db
                        + " failed: Cannot reach PostgreSQL at 127.0.0.1:" + postgres.port() + ": Connection to"
                        + " 127.0.0.1:" + postgres.port() + " refused.");
            } finally {
                postgres.restart();
            }
            assertThat(source.revision(head)).isPresent();
        }
    }

    @Test
    void theSourceAndTheLoaderConnectWithTheUrisParametersAndATlsFailureNamesSslmode() throws Exception {
        PostgresLocation db = Archives.database(postgres, SwhSchema.Flavor.MIRROR);
        Path objects = tmp.resolve("params");
        PostgresLocation named = new PostgresLocation(db.host(), db.port(), db.database(), db.user(), db.password(),
                Map.of("sslmode", "disable", "application_name", "mirror-loader"));
        Archives.load(history.dir(), named, Archives.objstorage(objects), tmp);
        PostgresLocation source = new PostgresLocation(db.host(), db.port(), db.database(), db.user(), db.password(),
                Map.of("application_name", "mirror-source"));
        ObjectId head = ObjectId.fromHex(postgres.psql(db.database(), "SELECT encode(id, 'hex') FROM revision LIMIT 1"));
        try (SwhPostgresSource opened = SwhPostgresSource.open(source, 2, Archives.objstorage(objects))) {
            assertThat(opened.revision(head)).isPresent();
            assertThat(postgres.psql("SELECT string_agg(DISTINCT application_name, ',') FROM pg_stat_activity"
                    + " WHERE datname = '" + db.database() + "' AND pid <> pg_backend_pid()"))
                    .as("the pool's connection").isEqualTo("mirror-source");
        }
        PostgresLocation tls = new PostgresLocation("127.0.0.1", postgres.port(), "mirror", "mirror",
                Optional.of("right-secret"), Map.of("sslmode", "require"));
        String sentence = "PostgreSQL at 127.0.0.1:" + postgres.port() + " does not accept TLS connections, which"
                + " sslmode=require requires; set ssl = on in the server's postgresql.conf, or sslmode=prefer (or"
                + " disable) in the URI.";
        assertThat(opening(tls)).hasMessage("Cannot read the swh-storage database " + tls + ": " + sentence);
        assertThat(loading(tls)).hasMessage("Cannot use " + tls + ": " + sentence);
    }

    @Test
    void loadingIntoADatabaseWithoutTheSchemaSaysSo() {
        postgres.createDatabase("empty", "empty-secret");
        PostgresLocation empty = new PostgresLocation("127.0.0.1", postgres.port(), "empty", "empty",
                Optional.of("empty-secret"));
        assertThat(loading(empty)).hasMessage(empty + " is not a swh-storage database: it has no directory, revision,"
                + " content or snapshot_branch table (create them first: vault load --create-schema).");
        assertThat(postgres.psql("empty", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
    }
}
