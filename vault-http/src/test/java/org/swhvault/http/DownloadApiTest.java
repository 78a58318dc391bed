package org.swhvault.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /raw/} endpoints: headers, whole and partial downloads, redirects. */
class DownloadApiTest extends OverTestRepo {
    private static final int SIZE = 200_000;

    private Served served;

    @BeforeEach
    void start() throws Exception {
        served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, SIZE),
                TestCooker.of(BundleType.GITFAST, SIZE), TestCooker.of(BundleType.GIT_BARE, SIZE)),
                new VaultListener() { }, b -> { });
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private String cooked(BundleType type, Swhid swhid) throws Exception {
        String path = "/api/1/vault/" + type.apiName() + "/" + swhid + "/";
        served.post(path);
        assertThat(served.awaitFinal(path).json().get("status").asText()).isEqualTo("done");
        return path + "raw/";
    }

    @Test
    void theWholeBundleWithTheReferencesNameAndMediaType() throws Exception {
        record Case(BundleType type, Swhid swhid, String media, String name) { }
        for (Case c : List.of(
                new Case(BundleType.FLAT, repo.tree, "application/gzip", "swh_1_dir_" + repo.tree.id() + ".tar.gz"),
                new Case(BundleType.GITFAST, repo.head, "application/gzip",
                        "swh_1_rev_" + repo.head.id() + ".gitfast.gz"),
                new Case(BundleType.GIT_BARE, repo.release, "application/x-tar",
                        "swh_1_rel_" + repo.release.id() + ".git.tar"))) {
            Served.Answer a = served.get(cooked(c.type(), c.swhid()));
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("Content-Type")).isEqualTo(c.media());
            assertThat(a.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + c.name() + "\"");
            assertThat(a.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(a.header("Content-Length")).isEqualTo(Integer.toString(SIZE));
            assertThat(a.header("ETag")).matches("\"[0-9a-f]{64}\"");
            assertThat(a.body()).isEqualTo(TestCooker.bytes(c.swhid(), SIZE));
        }
    }

    @Test
    void headGivesTheHeadersOnly() throws Exception {
        Served.Answer a = served.send("HEAD", cooked(BundleType.FLAT, repo.tree));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Length")).isEqualTo(Integer.toString(SIZE));
        assertThat(a.header("Content-Type")).isEqualTo("application/gzip");
        assertThat(a.body()).isEmpty();
    }

    @Test
    void singleRangesAreServedWith206() throws Exception {
        String raw = cooked(BundleType.FLAT, repo.tree);
        byte[] all = TestCooker.bytes(repo.tree, SIZE);
        record Case(String range, int from, int to) { }
        for (Case c : List.of(new Case("bytes=0-9", 0, 9), new Case("bytes=150000-", 150000, SIZE - 1),
                new Case("bytes=-100", SIZE - 100, SIZE - 1), new Case("bytes=199990-999999", 199990, SIZE - 1))) {
            Served.Answer a = served.get(raw, "Range", c.range());
            assertThat(a.status()).as(c.range()).isEqualTo(206);
            assertThat(a.header("Content-Range")).isEqualTo("bytes " + c.from() + "-" + c.to() + "/" + SIZE);
            assertThat(a.header("Content-Length")).isEqualTo(Integer.toString(c.to() - c.from() + 1));
            assertThat(a.body()).isEqualTo(Arrays.copyOfRange(all, c.from(), c.to() + 1));
        }
        Served.Answer head = served.send("HEAD", raw, "Range", "bytes=10-19");
        assertThat(head.status()).isEqualTo(206);
        assertThat(head.header("Content-Length")).isEqualTo("10");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unsatisfiableRangesAre416AndUnservedOnesGetTheWholeBundle() throws Exception {
        String raw = cooked(BundleType.FLAT, repo.tree);
        Served.Answer past = served.get(raw, "Range", "bytes=" + SIZE + "-");
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.header("Content-Range")).isEqualTo("bytes */" + SIZE);
        assertThat(past.json().get("exception").asText()).isEqualTo("RangeNotSatisfiable");
        Served.Answer several = served.get(raw, "Range", "bytes=0-1,5-6");
        assertThat(several.status()).isEqualTo(200);
        assertThat(several.body()).hasSize(SIZE);
    }

    @Test
    void ifRangeWithAnotherVersionGetsTheWholeBundle() throws Exception {
        String raw = cooked(BundleType.FLAT, repo.tree);
        String etag = served.send("HEAD", raw).header("ETag");
        assertThat(served.get(raw, "Range", "bytes=0-0", "If-Range", etag).status()).isEqualTo(206);
        assertThat(served.get(raw, "Range", "bytes=0-0", "If-Range", "\"other\"").status()).isEqualTo(200);
    }

    @Test
    void aBundleNotCookedIsNotFound() {
        Served.Answer a = served.get("/api/1/vault/flat/" + repo.tree + "/raw/");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("exception").asText()).isEqualTo("NotFoundExc");
        assertThat(a.json().get("reason").asText()).isEqualTo("Cooked archive for " + repo.tree + " not found.");
    }

    @Test
    void legacyDownloadPathsRedirectToTheCurrentOnes() {
        Served.Answer dir = served.get("/api/1/vault/directory/" + repo.tree.id() + "/raw/");
        assertThat(dir.status()).isEqualTo(302);
        assertThat(dir.header("Location")).isEqualTo("/api/1/vault/flat/" + repo.tree + "/raw/");
        Served.Answer rev = served.get("/api/1/vault/revision/" + repo.head.id() + "/gitfast/raw/");
        assertThat(rev.header("Location")).isEqualTo("/api/1/vault/gitfast/" + repo.head + "/raw/");
    }

    @Test
    void aStoreThatSignsUrlsGetsTheClientRedirectedThere(@TempDir Path other) throws Exception {
        served.close();
        URI signed = URI.create("https://bundles.example.org/b?sig=1");
        served = new Served(GitObjectSource.open(repo.dir), other,
                Cookers.of(List.of(TestCooker.of(BundleType.FLAT, 10))), new VaultListener() { }, b -> { },
                (key, validity) -> {
                    assertThat(validity).isEqualTo(Duration.ofHours(24));
                    return Optional.of(signed);
                });
        Served.Answer a = served.get(cooked(BundleType.FLAT, repo.tree));
        assertThat(a.status()).isEqualTo(302);
        assertThat(a.header("Location")).isEqualTo(signed.toString());
    }
}
