package org.swhvault.core.source;

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

/** The git source passes the object source conformance suite on the sample history. */
class GitObjectSourceConformanceTest extends ObjectSourceConformanceTest {
    @TempDir
    static Path tmp;
    static GitObjectSource source;
    static Swhid snapshot;

    @BeforeAll
    static void open() {
        source = GitObjectSource.open(SampleRepositories.history(tmp.resolve("history")).dir());
        snapshot = Swhid.of(ObjectType.SNAPSHOT, source.currentSnapshot().id());
    }

    @AfterAll
    static void close() {
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
