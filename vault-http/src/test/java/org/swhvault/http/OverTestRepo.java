package org.swhvault.http;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the server over one {@link TestRepo} made once per class, with a fresh directory per test. */
abstract class OverTestRepo {
    @TempDir
    static Path shared;
    static TestRepo repo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createRepo() throws Exception {
        repo = TestRepo.create(shared);
    }
}
