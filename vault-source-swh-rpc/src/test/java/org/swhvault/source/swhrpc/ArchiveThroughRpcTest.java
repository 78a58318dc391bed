package org.swhvault.source.swhrpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitbare.GitBareCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.objstorage.PathSlicingObjStorageProvider;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.source.swhpg.SwhLoader;
import org.swhvault.source.swhpg.SwhPostgresSource;
import org.swhvault.source.swhpg.SwhSchema;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end as a mirror runs it: a git repository loaded into swh-storage's PostgreSQL schema and a pathslicing
 * objstorage, served over swh-storage's RPC protocol by a test server reading it through the swh-postgresql
 * source, and cooked through the swh-storage-rpc source: the bundles are those cooked from the repository.
 */
class ArchiveThroughRpcTest {
    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture history;
    static GitObjectSource git;
    static SwhPostgresSource archive;
    static StorageRpcServer server;
    static SwhStorageRpcSource rpc;

    static ObjStorage objects() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("objects"));
        return new PathSlicingObjStorageProvider().create(Map.of("root", root.toString()));
    }

    @BeforeAll
    static void serve() throws Exception {
        history = SampleRepositories.history(tmp.resolve("history"));
        SampleRepositories.literalObjects(history);
        git = GitObjectSource.open(history.dir());
        postgres = TestPostgres.start();
        postgres.createDatabase("swh", "pw");
        PostgresLocation db = new PostgresLocation("127.0.0.1", postgres.port(), "swh", "swh", Optional.of("pw"));
        SwhSchema.createIn(db, SwhSchema.Flavor.MIRROR);
        try (ObjStorage o = objects()) {
            SwhLoader.loadInto(db, git, git.currentSnapshot().id(), o, Optional.empty(), tmp, s -> { });
        }
        archive = SwhPostgresSource.open(db, 2, objects());
        server = StorageRpcServer.serve(archive);
        rpc = SwhStorageRpcSource.builder(server.url()).pageSize(7).batchSize(11).build();
    }

    @AfterAll
    static void stop() {
        rpc.close();
        server.close();
        archive.close();
        git.close();
        postgres.close();
    }


    static Swhid swhid(ObjectType type, String rev) {
        return Swhid.of(type, ObjectId.fromHex(history.revParse(rev)));
    }

    @Test
    void bundlesCookedThroughRpcFromTheArchiveAreThoseCookedFromGit() throws IOException {
        GitBareCooker bare = new GitBareCooker(tmp, 1, GitBareCooker.DEFAULT_LEVEL, false);
        for (Object[] c : new Object[][] {
            {new FlatCooker(), swhid(ObjectType.DIRECTORY, "main^{tree}")},
            {new FlatCooker(), swhid(ObjectType.REVISION, "main")},
            {new GitfastCooker(), swhid(ObjectType.REVISION, "main")},
            {new GitfastCooker(), swhid(ObjectType.REVISION, "literal")},
            {bare, Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id())}}) {
            Cooker cooker = (Cooker) c[0];
            Swhid target = (Swhid) c[1];
            byte[] fromGit = CookedThroughRpcTest.cook(cooker, target, git);
            assertThat(CookedThroughRpcTest.cook(cooker, target, rpc)).as("%s of %s", cooker, target).hasSizeGreaterThan(0)
                    .isEqualTo(fromGit);
        }
    }
}
