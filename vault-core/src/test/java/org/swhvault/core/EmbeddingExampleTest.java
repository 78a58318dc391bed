package org.swhvault.core;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.storage.fs.FsBundleStore;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Embedding" example, run as written: a git repository, the fs store and the journal. */
class EmbeddingExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeExampleCooksAFlatBundleOfAGitTree() throws Exception {
        GitFixture git = GitFixture.init(tmp.resolve("repo")).write("README", "hello\n");
        git.commitAll("first");
        Path repository = git.dir();
        Path vaultDir = tmp.resolve("vault");
        Swhid swhid = Swhid.parse("swh:1:dir:" + git.revParse("HEAD^{tree}"));
        Path out = tmp.resolve(swhid.toString().replace(':', '_') + ".tar.gz");

        // --- README "Embedding" example begins
        try (GitObjectSource source = GitObjectSource.open(repository);
                FsBundleStore store = FsBundleStore.open(vaultDir);
                JournalRequestStore requests = JournalRequestStore.open(vaultDir.resolve("requests"));
                Vault vault = Vault.builder()
                        .source(source)
                        .store(store)
                        .requestStore(requests)
                        .expiryPolicy(ExpiryPolicy.keepForever().withMaxIdle(Duration.ofDays(30)))
                        .build()) {
            vault.cook(BundleType.FLAT, swhid, Optional.of("me@example.org"));
            BundleStatus status = vault.awaitCompletion(BundleType.FLAT, swhid, Duration.ofMinutes(10));
            if (status.state() != RequestState.DONE) {
                throw new IllegalStateException(status.progressMessage().orElse("cooking failed"));
            }
            try (OpenBundle bundle = vault.open(BundleType.FLAT, swhid); InputStream in = bundle.stream()) {
                Files.copy(in, out);
            }
        }
        // --- README "Embedding" example ends

        assertThat(out).isNotEmptyFile();
        String listing = Processes.command("tar", "tzf", out.toString()).run().stdoutText();
        assertThat(listing).contains(swhid + "/README");
    }
}
