package org.swhvault.source.swhpg;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;
import org.swhvault.testing.source.ObjectSourceConformanceTest;

/**
 * The swh-postgresql source passes the object source conformance suite (objects hash back to their ids, batch
 * reads equal single reads, unknown ids read as empty) on the sample history loaded by the loader, in both
 * of swh-storage's flavours.
 */
class SwhPostgresSourceConformanceTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        history = SampleRepositories.history(tmp.resolve("history"));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Flavoured extends ObjectSourceConformanceTest {
        ObjectSource source;
        Swhid snapshot;

        void open(SwhSchema.Flavor flavor) throws Exception {
            PostgresLocation db = Archives.database(postgres, flavor);
            Path objects = tmp.resolve("objects-" + flavor);
            Archives.load(history.dir(), db, Archives.objstorage(objects), tmp);
            source = SwhPostgresSource.open(db, 2, Archives.objstorage(objects));
            try (GitObjectSource git = GitObjectSource.open(history.dir())) {
                snapshot = Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id());
            }
        }

        @AfterAll
        void closeSource() {
            source.close();
        }

        @Override
        protected ObjectSource source() {
            return source;
        }

        @Override
        protected Swhid snapshot() {
            return snapshot;
        }
    }

    @Nested
    class DefaultFlavour extends Flavoured {
        DefaultFlavour() throws Exception {
            open(SwhSchema.Flavor.DEFAULT);
        }
    }

    @Nested
    class MirrorFlavour extends Flavoured {
        MirrorFlavour() throws Exception {
            open(SwhSchema.Flavor.MIRROR);
        }
    }
}
