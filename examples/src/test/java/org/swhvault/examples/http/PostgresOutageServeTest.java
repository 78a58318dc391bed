package org.swhvault.examples.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.GitFixture;
import org.swhvault.testing.git.SampleRepositories;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a mirror operator sees of a PostgreSQL outage under {@code vault serve --state postgresql://…}: {@code
 * /readyz} says at once that PostgreSQL cannot be reached, a status request answers 503 with that sentence once the
 * store's retries are spent, the log says so in one line per failure (no stack traces, no connection pool jargon),
 * and the server is ready again when PostgreSQL is back.
 */
class PostgresOutageServeTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static TestPostgres postgres;
    static GitFixture repo;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        postgres.createDatabase("outage", "outage-pw");
        repo = SampleRepositories.history(tmp.resolve("repo"));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOutageIsReportedInSentencesAndSurvived() throws Exception {
        String state = "postgresql:url=postgresql://outage@127.0.0.1:" + postgres.port() + "/outage,retry-for=2s";
        ServeProcess server = ServeProcess.start(tmp, Map.of("PGPASSWORD", "outage-pw"), List.of(), "--repo",
                repo.dir().toString(), "--store", tmp.resolve("bundles").toString(), "--state", state,
                "--lease-duration", "3s", "--port", "0");
        try {
            assertThat(get(server.uri.resolve("readyz")).body()).isEqualTo("ready\n");
            postgres.stop();
            String unreachable = "Cannot reach PostgreSQL at 127.0.0.1:" + postgres.port() + ": Connection to"
                    + " 127.0.0.1:" + postgres.port() + " refused.";
            HttpResponse<String> notReady = get(server.uri.resolve("readyz"));
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).isEqualTo("not ready: The request store (postgresql://outage@127.0.0.1:"
                    + postgres.port() + "/outage) does not answer: " + unreachable + "\n");
            HttpResponse<String> status = get(server.uri.resolve("api/1/vault/flat/swh:1:dir:" + "0".repeat(40) + "/"));
            assertThat(status.statusCode()).isEqualTo(503);
            assertThat(status.body()).contains("could not read a request: " + unreachable);
            server.awaitLine(Pattern.compile(".* WARN Vault - Vault recovery failed; it will run again: The request"
                    + " store \\(postgresql://outage@.*\\) could not list requests: " + Pattern.quote(unreachable)));
            postgres.restart();
            assertThat(get(server.uri.resolve("readyz")).body()).isEqualTo("ready\n");
        } finally {
            server.stop();
        }
        assertThat(server.log).as("the server's log").noneMatch(line -> line.startsWith("\tat ")
                || line.startsWith("Caused by") || line.contains("Connection is not available")
                || line.contains("outage-pw"));
    }
}
