package org.swhvault.examples.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.swhvault.http.Processes;
import org.swhvault.http.TestRepo;
import org.swhvault.testing.PseudoRandomBytes;
import org.swhvault.testing.git.IsolatedGit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vault serve} as a separate process: start-up, request log, stop on SIGTERM, durable requests. */
class ServeCommandTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private ServeProcess start(Map<String, String> env, String... args) throws Exception {
        return ServeProcess.start(tmp, env, List.of(), args);
    }

    /** Polls the status route until the bundle's status is {@code wanted}, for 15 s at most; returns the last status. */
    private static JsonNode awaitStatus(URI cook, String wanted) throws Exception {
        JsonNode status = null;
        for (int i = 0; i < 300 && (status == null || !status.get("status").asText().equals(wanted)); i++) {
            Thread.sleep(50);
            status = new ObjectMapper().readTree(send("GET", cook).body());
        }
        return status;
    }

    private static HttpResponse<String> send(String method, URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesLogsEachRequestStopsOnSigtermAndRemembersRequests() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        Path store = tmp.resolve("store");
        ServeProcess server = start(Map.of(), "--repo", repo.dir.toString(), "--store", store.toString(), "--port", "0");
        URI cook = server.uri.resolve("api/1/vault/flat/" + repo.tree + "/");
        long id;
        try {
            HttpResponse<String> posted = send("POST", cook);
            assertThat(posted.statusCode()).isEqualTo(200);
            id = new ObjectMapper().readTree(posted.body()).get("id").asLong();
            String logged = server.awaitLine(Pattern.compile(".*POST /api/1/vault/flat/" + repo.tree + "/ 200 \\d+ \\d+"));
            assertThat(logged).as("timestamped, with the client's address")
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) .*127\\.0\\.0\\.1 POST .*");
            assertThat(logged).contains("POST /api/1/vault/flat/" + repo.tree + "/ 200 "
                    + posted.body().getBytes(StandardCharsets.UTF_8).length + " ");
            assertThat(awaitStatus(cook, "done").get("status").asText()).isEqualTo("done");
        } finally {
            server.stop();
        }
        assertThat(store.resolve("requests")).isDirectory();

        ServeProcess again = start(Map.of(), "--repo", repo.dir.toString(), "--store", store.toString(), "--port", "0");
        try {
            JsonNode status = new ObjectMapper().readTree(send("GET", again.uri.resolve(
                    "api/1/vault/flat/" + repo.tree + "/")).body());
            assertThat(status.get("status").asText()).isEqualTo("done");
            assertThat(status.get("id").asLong()).isEqualTo(id);
            assertThat(send("GET", again.uri.resolve("api/1/vault/flat/" + repo.tree + "/raw/")).statusCode())
                    .isEqualTo(200);
        } finally {
            again.stop();
        }
    }

    @Test
    void storeAndStateArePickedByPluginName() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        Path bundles = tmp.resolve("bundles");
        Path journal = tmp.resolve("journal");
        ServeProcess server = start(Map.of(), "--repo", repo.dir.toString(), "--store", "fs:path=" + bundles,
                "--state", "journal:path=" + journal, "--port", "0");
        URI cook = server.uri.resolve("api/1/vault/flat/" + repo.tree + "/");
        try {
            assertThat(server.startLine).contains("store " + bundles).contains("requests " + journal);
            assertThat(send("POST", cook).statusCode()).isEqualTo(200);
            assertThat(awaitStatus(cook, "done").get("status").asText()).isEqualTo("done");
        } finally {
            server.stop();
        }
        assertThat(journal.resolve("journal")).isRegularFile();
        assertThat(bundles.resolve("requests")).as("the journal is where --state says").doesNotExist();

        ServeProcess forgetful = start(Map.of(), "--repo", repo.dir.toString(), "--store", "fs:path=" + bundles,
                "--state", "memory", "--port", "0");
        try {
            assertThat(forgetful.startLine).contains("requests memory");
            assertThat(send("GET", forgetful.uri.resolve("api/1/vault/flat/" + repo.tree + "/")).statusCode())
                    .as("a memory request store starts empty").isEqualTo(404);
        } finally {
            forgetful.stop();
        }
    }

    @Test
    void theDefaultStoreIsUnderTheUsersCacheDirectoryAndTheSizeLimitApplies() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        Path cache = tmp.resolve("xdg-cache");
        ServeProcess server = start(Map.of("XDG_CACHE_HOME", cache.toString()), "--repo", repo.dir.toString(), "--port", "0",
                "--max-bundle-size", "100", "--max-concurrent-cooks", "1");
        try {
            URI cook = server.uri.resolve("api/1/vault/flat/" + repo.tree + "/");
            assertThat(send("POST", cook).statusCode()).isEqualTo(200);
            assertThat(cache.resolve("swhvault/requests")).isDirectory();
            JsonNode status = awaitStatus(cook, "failed");
            assertThat(status.get("status").asText()).isEqualTo("failed");
            assertThat(status.get("progress_message").asText())
                    .isEqualTo("The requested bundle exceeds the maximum allowed size of 100 bytes.");
            System.out.println("vault serve started in " + server.startMillis + " ms (JVM start included)");
        } finally {
            server.stop();
        }
    }

    /** Polls the status route until it answers {@code code}, for 15 s at most; returns the last code. */
    private static int awaitCode(URI status, int code) throws Exception {
        int last = -1;
        for (int i = 0; i < 300 && last != code; i++) {
            Thread.sleep(50);
            last = send("GET", status).statusCode();
        }
        return last;
    }

    @Test
    void bundlesExpireAfterExpireAfterAndAreCookedAgainWhenAskedAgain() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        Path store = tmp.resolve("store");
        ServeProcess server = start(Map.of(), "--repo", repo.dir.toString(), "--store", store.toString(), "--port", "0",
                "--expire-after", "1s", "--expiry-interval", "1s");
        try {
            URI cook = server.uri.resolve("api/1/vault/flat/" + repo.tree + "/");
            assertThat(send("POST", cook).statusCode()).isEqualTo(200);
            assertThat(awaitStatus(cook, "done").get("status").asText()).isEqualTo("done");
            server.awaitLine(Pattern.compile(
                    ".* INFO Expirer - Expiry evicted 1 bundles \\(\\d+ bytes\\); the store holds 0 bytes"));
            assertThat(awaitCode(cook, 404)).as("the bundle and its request are evicted").isEqualTo(404);
            try (var files = Files.walk(store.resolve("bundles"))) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("no bundle left in the store").isEmpty();
            }
            assertThat(send("GET", server.uri.resolve("api/1/vault/flat/" + repo.tree + "/raw/")).statusCode())
                    .isEqualTo(404);
            assertThat(send("POST", cook).statusCode()).isEqualTo(200);
            assertThat(awaitStatus(cook, "done").get("status").asText()).as("cooked again").isEqualTo("done");
        } finally {
            server.stop();
        }
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        for (List<String> args : List.of(List.of("--repo", "x", "--rate-limit", "60"),
                List.of("--repo", "x", "--max-bundle-size", "lots"), List.of("--port", "1"))) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "org.swhvault.examples.cli.VaultCommand", "serve"));
            command.addAll(args);
            Processes.Result r = Processes.run(tmp, tmp, command);
            assertThat(r.exitCode()).as(args + ": " + r.stderr()).isEqualTo(2);
        }
        Processes.Result notARepo = Processes.run(tmp, tmp, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.swhvault.examples.cli.VaultCommand", "serve", "--repo",
                Files.createDirectories(tmp.resolve("empty")).toString(), "--store", tmp.resolve("s").toString(),
                "--port", "0"));
        assertThat(notARepo.exitCode()).isEqualTo(1);
        assertThat(notARepo.stderr()).startsWith("error: ").doesNotContain("\tat ");
    }

    /** Standard error goes to a file: a pipe read after the process died can lose its last lines. */
    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void onCtrlCOrSigtermItSaysItIsStopping(String signal, int status) throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("stopping-" + signal));
        Path err = tmp.resolve("stopping-" + signal + ".err");
        Process serve = serveLoggingTo(repo.dir, tmp.resolve("stopping-store-" + signal), err);
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(serve.pid())).start().waitFor();
            assertThat(serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            serve.destroyForcibly();
        }
        assertThat(serve.exitValue()).isEqualTo(status);
        assertThat(Files.readString(err)).containsPattern("(?m)^vault: stopping$").doesNotContain("Exception");
    }

    @Test
    void onSigtermDuringACookItSaysHowLongItWaitsForIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i < 96; i++) { // long enough a cook (seconds) to still run when SIGTERM comes
            try (java.io.OutputStream out = Files.newOutputStream(dir.resolve("blob" + i))) {
                new PseudoRandomBytes(i, 1 << 20).writeTo(out);
            }
        }
        IsolatedGit git = IsolatedGit.in(tmp.resolve("big-home"));
        git.run("init", "-q", dir.toString());
        git.run("-C", dir.toString(), "add", "-A");
        git.run("-C", dir.toString(), "commit", "-q", "-m", "random");
        String tree = "swh:1:dir:" + git.run("-C", dir.toString(), "rev-parse", "HEAD^{tree}");
        Path err = tmp.resolve("cooking.err");
        Process serve = serveLoggingTo(dir, tmp.resolve("cooking-store"), err);
        String line = Files.readString(err).lines().filter(l -> l.startsWith("vault: serving ")).findFirst().orElseThrow();
        URI cook = URI.create(line.split(" ")[2]).resolve("flat/" + tree + "/");
        assertThat(send("POST", cook).statusCode()).isEqualTo(200);
        for (int i = 0; i < 200 && !send("GET", cook).body().contains("\"pending\""); i++) {
            Thread.sleep(10);
        }
        stop(serve);
        assertThat(Files.readString(err)).containsPattern(
                "(?m)^vault: stopping; waiting up to 5 s for 1 running cook to finish$");
    }

    private static Process serveLoggingTo(Path repo, Path store, Path err) throws Exception {
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.swhvault.examples.cli.VaultCommand", "serve", "--repo",
                repo.toString(), "--store", store.toString(), "--port", "0")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 400 && !Files.readString(err).contains("vault: serving"); i++) {
            Thread.sleep(50);
        }
        if (!Files.readString(err).contains("vault: serving")) {
            serve.destroyForcibly();
            throw new AssertionError("vault serve did not start: " + Files.readString(err));
        }
        return serve;
    }

    private static void stop(Process serve) throws InterruptedException {
        try {
            serve.destroy();
            assertThat(serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            serve.destroyForcibly();
        }
    }
}
