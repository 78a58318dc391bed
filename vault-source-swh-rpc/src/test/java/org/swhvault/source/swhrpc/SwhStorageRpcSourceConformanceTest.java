package org.swhvault.source.swhrpc;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.source.ObjectSourceConformanceTest;

/**
 * The RPC source passes the object source conformance suite, reading the sample history from a server that
 * serves it from the git source; pages and batches are tiny so that every paginated answer takes several pages.
 */
class SwhStorageRpcSourceConformanceTest extends ObjectSourceConformanceTest {
    @TempDir
    static Path tmp;
    static GitObjectSource git;
    static StorageRpcServer server;
    static SwhStorageRpcSource source;
    static Swhid snapshot;

    @BeforeAll
    static void serve() {
        git = GitObjectSource.open(SampleRepositories.history(tmp.resolve("history")).dir());
        snapshot = Swhid.of(ObjectType.SNAPSHOT, git.currentSnapshot().id());
        server = StorageRpcServer.serve(git);
        source = SwhStorageRpcSource.builder(server.url()).pageSize(2).batchSize(3).build();
    }

    @AfterAll
    static void stop() {
        source.close();
        server.close();
        git.close();
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
