package org.swhvault.source.swhpg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader and the source work on a database created by swh-storage's own published schema (not only on
 * ours), in both flavours: the SQL files are run as swh-storage's tooling runs them (psql, the flavour stored
 * before the tables and indexes are made). Runs only where swh-storage's {@code swh/storage/sql} directory is
 * given in {@code SWH_STORAGE_SQL_DIR}: the project does not ship swh-storage's files, so this test is skipped on
 * CI and run by hand, e.g. {@code git -C swh-storage archive HEAD swh/storage/sql | tar -x -C /tmp/swh-sql} then
 * {@code SWH_STORAGE_SQL_DIR=/tmp/swh-sql/swh/storage/sql mvn verify -pl vault-source-swh-postgresql -am
 * -Dtest=SwhStorageOwnSchemaTest}.
 */
@EnabledIfEnvironmentVariable(named = "SWH_STORAGE_SQL_DIR", matches = ".+")
class SwhStorageOwnSchemaTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        history = SampleRepositories.history(tmp.resolve("history"));
        SampleRepositories.literalObjects(history);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    static PostgresLocation swhStorageDatabase(String flavor) {
        Path sql = Path.of(System.getenv("SWH_STORAGE_SQL_DIR"));
        String db = "own_" + flavor;
        postgres.psql("CREATE DATABASE " + db);
        postgres.psqlFile(db, sql.resolve("10-superuser-init.sql"));
        postgres.psqlFile(db, sql.resolve("15-flavor.sql"));
        postgres.psql(db, "INSERT INTO dbflavor (flavor) VALUES ('" + flavor + "')");
        for (String file : new String[] {"20-enums.sql", "30-schema.sql", "40-funcs.sql", "60-indexes.sql"}) {
            postgres.psqlFile(db, sql.resolve(file));
        }
        return new PostgresLocation("127.0.0.1", postgres.port(), db, TestPostgres.SUPERUSER,
                Optional.of(postgres.superPassword()));
    }

    static byte[] cook(Cooker cooker, Swhid swhid, ObjectSource source) throws IOException {
        return Archives.cook(cooker, swhid, source);
    }

    @ParameterizedTest
    @EnumSource(SwhSchema.Flavor.class)
    void aDatabaseMadeBySwhStoragesOwnSchemaIsLoadedAndCookedFrom(SwhSchema.Flavor flavor) throws Exception {
        PostgresLocation db = swhStorageDatabase(flavor.name().toLowerCase(Locale.ROOT));
        Path objects = tmp.resolve("objects-" + flavor);
        SwhLoader.Summary first = Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        assertThat(first.written(ObjectType.REVISION)).isGreaterThan(0);
        SwhLoader.Summary again = Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
        assertThat(again.written(ObjectType.CONTENT) + again.written(ObjectType.DIRECTORY)
                + again.written(ObjectType.REVISION) + again.written(ObjectType.SNAPSHOT)).isZero();
        try (GitObjectSource git = GitObjectSource.open(history.dir());
                SwhPostgresSource archive = SwhPostgresSource.open(db, 2, Archives.objstorage(objects))) {
            Swhid tree = Swhid.of(ObjectType.DIRECTORY, ObjectId.fromHex(history.revParse("main^{tree}")));
            Swhid main = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(history.revParse("main")));
            Swhid literal = Swhid.of(ObjectType.REVISION, ObjectId.fromHex(history.revParse("literal")));
            Swhid snapshot = Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id());
            GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
            assertThat(cook(new FlatCooker(), tree, archive)).isEqualTo(cook(new FlatCooker(), tree, git));
            assertThat(cook(new GitfastCooker(), main, archive)).isEqualTo(cook(new GitfastCooker(), main, git));
            assertThat(cook(new GitfastCooker(), literal, archive))
                    .isEqualTo(cook(new GitfastCooker(), literal, git));
            assertThat(cook(bare, snapshot, archive)).isEqualTo(cook(bare, snapshot, git));
        }
    }
}
