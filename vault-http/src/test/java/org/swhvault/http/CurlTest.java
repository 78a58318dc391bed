package org.swhvault.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** The API as the real {@code curl} binary sees it: status lines, headers, bodies, connection reuse. */
class CurlTest extends OverTestRepo {
    private static final int SIZE = 5000;

    private Served served;
    private final List<String> notified = new CopyOnWriteArrayList<>();

    /** What curl wrote: the response headers (-D) of every response, and the body. */
    record Curl(int exit, String headers, byte[] body, String stderr) {
        /** The last status line's version and code (the JDK server's reason phrases are its own). */
        String status() {
            String line = headers.lines().filter(l -> l.startsWith("HTTP/")).reduce((a, b) -> b).orElse("");
            return line.length() >= 12 ? line.substring(0, 12) : line;
        }

        String header(String name) {
            return headers.lines().filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":"))
                    .map(l -> l.substring(name.length() + 1).strip()).reduce((a, b) -> b).orElse(null);
        }

        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(body);
        }
    }

    @BeforeEach
    void start() throws Exception {
        VaultListener listener = new VaultListener() {
            @Override
            public void onDone(BundleStatus status, List<String> emails) {
                notified.addAll(emails);
            }
        };
        served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, SIZE),
                TestCooker.of(BundleType.GITFAST, SIZE)), listener, b -> { });
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private Curl curl(String... args) throws Exception {
        Path headers = Files.createTempFile(tmp, "headers", ".txt");
        Path body = Files.createTempFile(tmp, "body", ".bin");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--noproxy", "*", "-D", headers.toString(),
                "-o", body.toString()));
        command.addAll(Arrays.asList(args));
        Processes.Result r = Processes.run(tmp, tmp, command);
        return new Curl(r.exitCode(), Files.readString(headers, StandardCharsets.ISO_8859_1), Files.readAllBytes(body),
                r.stderr());
    }

    private String url(String path) {
        return served.uri.resolve(path).toString();
    }

    private String cook(BundleType type, Object swhid) throws Exception {
        String path = "/api/1/vault/" + type.apiName() + "/" + swhid + "/";
        served.post(path);
        served.awaitFinal(path);
        return path;
    }

    @Test
    void postAndGetStatusWithCurl() throws Exception {
        String path = "/api/1/vault/flat/" + repo.tree + "/";
        Curl posted = curl("-X", "POST", url(path));
        assertThat(posted.exit()).isZero();
        assertThat(posted.status()).isEqualTo("HTTP/1.1 200");
        assertThat(posted.header("Content-Type")).isEqualTo("application/json");
        assertThat(posted.json().get("swhid").asText()).isEqualTo(repo.tree.toString());
        served.awaitFinal(path);
        Curl status = curl(url(path));
        assertThat(status.json().get("status").asText()).isEqualTo("done");
        assertThat(Integer.parseInt(status.header("Content-Length"))).isEqualTo(status.body().length);
        Curl head = curl("-I", url(path));
        assertThat(head.status()).isEqualTo("HTTP/1.1 200");
        assertThat(head.header("Content-Length")).isEqualTo(status.header("Content-Length"));
    }

    @Test
    void fetchUrlFollowsTheHostTheClientUsed() throws Exception {
        Curl a = curl("-X", "POST", "-H", "Host: vault.example.org:8080", url("/api/1/vault/flat/" + repo.tree + "/"));
        assertThat(a.json().get("fetch_url").asText())
                .isEqualTo("http://vault.example.org:8080/api/1/vault/flat/" + repo.tree + "/raw/");
        Curl proxied = curl("-X", "POST", "-H", "Host: vault.example.org", "-H", "X-Forwarded-Proto: https",
                url("/api/1/vault/flat/" + repo.tree + "/"));
        assertThat(proxied.json().get("fetch_url").asText()).startsWith("https://vault.example.org/api/1/");
        Curl odd = curl("-X", "POST", "-H", "Host: a\"b", url("/api/1/vault/flat/" + repo.tree + "/"));
        assertThat(odd.status()).as("an invalid Host is refused, as RFC 9112 asks").isEqualTo("HTTP/1.1 400");
        assertThat(odd.json().get("exception").asText()).isEqualTo("BadInputExc");
    }

    @Test
    void emailAsMultipartFormOrUrlencodedForm() throws Exception {
        String path = "/api/1/vault/flat/" + repo.tree + "/";
        assertThat(curl("-F", "email=multi@example.org", url(path)).status()).isEqualTo("HTTP/1.1 200");
        assertThat(curl("-d", "email=form%40example.org", url(path)).status()).isEqualTo("HTTP/1.1 200");
        served.awaitFinal(path);
        assertThat(notified).containsExactlyInAnyOrder("multi@example.org", "form@example.org");
    }

    @Test
    void downloadUnderTheAdvertisedNameWithCurlRemoteHeaderName() throws Exception {
        String raw = url(cook(BundleType.FLAT, repo.tree) + "raw/");
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));
        Processes.Result r = Processes.run(downloads, tmp, List.of("curl", "-sS", "--noproxy", "*", "-OJ", raw));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Path file = downloads.resolve("swh_1_dir_" + repo.tree.id() + ".tar.gz");
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(TestCooker.bytes(repo.tree, SIZE));
    }

    @Test
    void rangesWithCurl() throws Exception {
        String raw = url(cook(BundleType.FLAT, repo.tree) + "raw/");
        byte[] all = TestCooker.bytes(repo.tree, SIZE);
        Curl part = curl("-r", "100-199", raw);
        assertThat(part.status()).isEqualTo("HTTP/1.1 206");
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + SIZE);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(all, 100, 200));
        Curl suffix = curl("-r", "-10", raw);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(all, SIZE - 10, SIZE));
        Curl beyond = curl("-r", SIZE + "-", raw);
        assertThat(beyond.status()).isEqualTo("HTTP/1.1 416");
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + SIZE);
    }

    @Test
    void optionsMethodNotAllowedAndLegacyRedirectFollowed() throws Exception {
        String path = "/api/1/vault/gitfast/" + repo.head + "/";
        Curl options = curl("-X", "OPTIONS", url(path));
        assertThat(options.status()).isEqualTo("HTTP/1.1 200");
        assertThat(options.header("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
        Curl put = curl("-X", "PUT", url(path));
        assertThat(put.status()).isEqualTo("HTTP/1.1 405");
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
        cook(BundleType.GITFAST, repo.head);
        Curl legacy = curl("-L", url("/api/1/vault/revision/" + repo.head.id().toString().toUpperCase()
                + "/gitfast/raw/"));
        assertThat(legacy.headers()).contains("HTTP/1.1 302 ");
        assertThat(legacy.status()).isEqualTo("HTTP/1.1 200");
        assertThat(legacy.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"swh_1_rev_" + repo.head.id() + ".gitfast.gz\"");
        assertThat(legacy.body()).isEqualTo(TestCooker.bytes(repo.head, SIZE));
    }

    @Test
    void oneConnectionServesSeveralRequests() throws Exception {
        String path = url("/api/1/vault/flat/" + repo.tree + "/");
        Processes.Result r = Processes.run(tmp, tmp, List.of("curl", "-sv", "--noproxy", "*", "-o", "/dev/null",
                "-o", "/dev/null", "-o", "/dev/null", path, path, path));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("Re-using existing connection");
        assertThat(r.stderr().lines().filter(l -> l.contains("Connected to"))).hasSize(1);
    }
}
