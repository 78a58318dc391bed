package org.swhvault.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.BundleType;

import com.github.luben.zstd.ZstdInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?compression=zstd} on the vault routes, with the real cookers: a bundle of its own (id, file name,
 * media type, download URL), holding what the gzip bundle holds; checked with {@code git fast-import} and
 * {@code tar}. Bad values and git-bare are refused with a sentence, and a mirror never redirects a zstd request
 * to an archive that serves only gzip.
 */
class CompressionApiTest {
    @TempDir
    Path tmp;

    private TestRepo repo;
    private Served served;

    @BeforeEach
    void start() throws Exception {
        repo = TestRepo.create(tmp);
        served = new Served(GitObjectSource.open(repo.dir), tmp.resolve("store"), Cookers.discover(),
                new VaultListener() { }, b -> { });
    }

    @AfterEach
    void stop() {
        served.close();
    }

    @Test
    void aZstdFlatBundleIsABundleOfItsOwnHoldingTheGzipBundlesTar() throws Exception {
        String path = "/api/1/vault/flat/" + repo.tree + "/";
        Served.Answer zstdPost = served.post(path + "?compression=zstd");
        assertThat(zstdPost.status()).as(zstdPost.text()).isEqualTo(200);
        assertThat(served.get(path).status()).as("the gzip bundle was never requested").isEqualTo(404);
        Served.Answer gzipPost = served.post(path);
        assertThat(gzipPost.json().get("id").asLong()).isNotEqualTo(zstdPost.json().get("id").asLong());
        assertThat(served.post(path + "?compression=GZIP").json().get("id")).isEqualTo(gzipPost.json().get("id"));

        JsonNode zstd = served.awaitFinal(path + "?compression=zstd").json();
        JsonNode gzip = served.awaitFinal(path).json();
        assertThat(zstd.get("status").asText()).isEqualTo("done");
        assertThat(zstd.get("fetch_url").asText()).endsWith("/api/1/vault/flat/" + repo.tree + "/raw/?compression=zstd");
        assertThat(gzip.get("fetch_url").asText()).endsWith("/api/1/vault/flat/" + repo.tree + "/raw/");
        assertThat(served.get(path + "?compression=zstd&details=1").json().get("compression").asText())
                .isEqualTo("zstd");

        Served.Answer zstdRaw = download(zstd);
        assertThat(zstdRaw.header("Content-Type")).isEqualTo("application/zstd");
        assertThat(zstdRaw.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"swh_1_dir_" + repo.tree.id() + ".tar.zst\"");
        Served.Answer gzipRaw = download(gzip);
        assertThat(gzipRaw.header("Content-Type")).isEqualTo("application/gzip");
        byte[] tar = unzstd(zstdRaw.body());
        assertThat(tar).isEqualTo(gunzip(gzipRaw.body()));
        Path file = Files.write(tmp.resolve("flat.tar"), tar);
        assertThat(Processes.check(tmp, repo.home, "tar", "-tf", file.toString()))
                .contains(repo.tree + "/");
    }

    @Test
    void aZstdGitfastBundleImportsBackToTheSameCommits() throws Exception {
        String path = "/api/1/vault/gitfast/" + repo.head + "/?compression=zstd";
        assertThat(served.post(path).status()).isEqualTo(200);
        JsonNode done = served.awaitFinal(path).json();
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        Served.Answer raw = download(done);
        assertThat(raw.header("Content-Disposition")).endsWith(".gitfast.zst\"");
        Path stream = Files.write(tmp.resolve("history.gitfast"), unzstd(raw.body()));
        Path imported = Files.createDirectories(tmp.resolve("imported"));
        Processes.check(imported, repo.home, "git", "init", "-q", ".");
        Processes.check(imported, repo.home, "sh", "-c", "git fast-import --quiet < '" + stream + "'");
        assertThat(Processes.check(imported, repo.home, "git", "for-each-ref", "--format=%(objectname)").lines())
                .contains(repo.head.id().toString());
    }

    @Test
    void unknownCompressionsAndZstdGitBareBundlesAreRefusedWithASentence() throws Exception {
        Served.Answer unknown = served.post("/api/1/vault/flat/" + repo.tree + "/?compression=lz4");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("reason").asText()).isEqualTo("Unknown compression 'lz4'; expected gzip or zstd.");
        Served.Answer bare = served.post("/api/1/vault/git-bare/" + repo.head + "/?compression=zstd");
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.json().get("reason").asText())
                .isEqualTo("Only flat and gitfast bundles can be compressed with zstd; git-bare bundles are plain tar files.");
        Served.Answer raw = served.get("/api/1/vault/flat/" + repo.tree + "/raw/?compression=zstd");
        assertThat(raw.status()).isEqualTo(404);
    }

    @Test
    void theServerSaysWhichCompressionsEachTypeHas() {
        JsonNode types = served.get("/api/1/vault/").json().get("bundle_types");
        List<String> seen = new ArrayList<>();
        for (JsonNode type : types) {
            seen.add(type.get("type").asText() + ":" + type.get("compressions"));
        }
        assertThat(seen).containsExactly("flat:[\"gzip\",\"zstd\"]", "gitfast:[\"gzip\",\"zstd\"]", "git-bare:[\"gzip\"]");
    }

    @Test
    void aMirrorDoesNotRedirectZstdRequestsToTheArchiveItMirrors() throws Exception {
        try (Served mirror = new Served(GitObjectSource.open(repo.dir), tmp.resolve("mirror"), Cookers.discover(),
                new VaultListener() { }, b -> b.mirrorOf(URI.create("https://archive.example.org/"))
                        .servedTypes(Set.of(BundleType.FLAT)))) {
            Served.Answer gzip = mirror.post("/api/1/vault/gitfast/" + repo.head + "/");
            assertThat(gzip.status()).isEqualTo(302);
            Served.Answer zstd = mirror.post("/api/1/vault/gitfast/" + repo.head + "/?compression=zstd");
            assertThat(zstd.status()).isEqualTo(404);
            assertThat(zstd.json().get("reason").asText()).isEqualTo("This server does not cook 'gitfast' bundles.");
        }
    }

    private Served.Answer download(JsonNode status) {
        Served.Answer raw = served.get(status.get("fetch_url").asText().replaceFirst("^http://[^/]+", ""));
        assertThat(raw.status()).as(raw.text()).isEqualTo(200);
        return raw;
    }

    private static byte[] unzstd(byte[] zst) throws IOException {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zst))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
