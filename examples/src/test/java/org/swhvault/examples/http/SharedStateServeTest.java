package org.swhvault.examples.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code vault serve} processes on one PostgreSQL database and one bundle directory form one vault: every
 * bundle is cooked exactly once whichever process is asked, through a PostgreSQL restart; a process killed with
 * SIGKILL mid-cook loses nothing (another one takes its cook over once the lease runs out).
 */
class SharedStateServeTest {
    private static final int BUNDLES = 100;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COOKED = Pattern.compile(".*Cooked flat:(swh:1:dir:[0-9a-f]{40}) \\(attempt (\\d+)\\)");

    @TempDir
    static Path shared;
    static TestPostgres postgres;
    static Path repo;
    static List<String> trees = new ArrayList<>();
    static String bigTree;
    private static int databases;

    @TempDir
    Path tmp;
    private final List<ServeProcess> servers = new ArrayList<>();

    @BeforeAll
    static void createRepositoryAndDatabase() throws Exception {
        postgres = TestPostgres.start();
        IsolatedGit git = IsolatedGit.in(Files.createDirectories(shared.resolve("home")));
        repo = shared.resolve("repo.git");
        git.command("init", "-q", "--bare", repo.toString()).run().requireSuccess();
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < BUNDLES; i++) {
            String text = "file " + i + "\n";
            stream.append("commit refs/heads/main\ncommitter T <t@example.org> ").append(1700000000 + i)
                    .append(" +0000\ndata 2\nc\n")
                    .append("M 644 inline f").append(i).append(".txt\ndata ").append(text.length()).append('\n')
                    .append(text).append('\n');
        }
        git.command("-C", repo.toString(), "fast-import", "--quiet")
                .stdin(stream.toString().getBytes(StandardCharsets.UTF_8)).run().requireSuccess();
        trees.addAll(git.command("-C", repo.toString(), "log", "--format=%T", "main").run().requireSuccess()
                .stdoutText().lines().toList());
        assertThat(trees).hasSize(BUNDLES).doesNotHaveDuplicates();
        // a directory whose flat bundle takes seconds to cook on one processor: 96 MiB of random bytes
        Path big = shared.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(7);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 96; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        String blob = git.command("-C", repo.toString(), "hash-object", "-w", big.toString()).run().requireSuccess()
                .stdoutText().strip();
        Files.delete(big);
        bigTree = git.command("-C", repo.toString(), "mktree").stdin(("100644 blob " + blob + "\tbig.bin\n")
                .getBytes(StandardCharsets.UTF_8)).run().requireSuccess().stdoutText().strip();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @AfterEach
    void stopServers() throws Exception {
        for (ServeProcess s : servers) {
            if (s.process.isAlive()) {
                s.stop();
            }
        }
    }

    /** Starts three servers on a new database and one shared bundle directory. */
    private void startThree(List<String> jvmOptionsOfFirst) throws Exception {
        String db = "serve" + (++databases);
        postgres.createDatabase(db, "pw-" + db);
        Path store = tmp.resolve("bundles");
        for (int i = 0; i < 3; i++) {
            servers.add(ServeProcess.start(tmp, Map.of("PGPASSWORD", "pw-" + db), i == 0 ? jvmOptionsOfFirst : List.of(),
                    "--repo", repo.toString(), "--store", store.toString(),
                    "--state", "postgresql://" + db + "@127.0.0.1:" + postgres.port() + "/" + db,
                    "--lease-duration", "3s", "--max-concurrent-cooks", "2", "--port", "0"));
        }
        assertThat(servers.get(0).startLine).contains("requests postgresql://" + db + "@127.0.0.1:" + postgres.port()
                + "/" + db).doesNotContain("pw-");
    }

    private static HttpResponse<String> send(String method, URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String status(ServeProcess server, String tree) throws Exception {
        HttpResponse<String> r = send("GET", server.uri.resolve("api/1/vault/flat/swh:1:dir:" + tree + "/"));
        return r.statusCode() == 200 ? JSON.readTree(r.body()).get("status").asText() : "http " + r.statusCode();
    }

    private static void awaitDone(ServeProcess server, String tree, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = status(server, tree);
            if (last.equals("done")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(tree + " is " + last + " after " + timeout);
    }

    @Test
    void threeHundredRequestsToThreeProcessesCookEachBundleOnceThroughAPostgresRestart() throws Exception {
        startThree(List.of());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        int cookedAtRestart;
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 3 * BUNDLES; i++) {
                ServeProcess server = servers.get(i % 3);
                String tree = trees.get((i * 7) % BUNDLES);
                posts.add(clients.submit(() -> send("POST", server.uri.resolve("api/1/vault/flat/swh:1:dir:" + tree
                        + "/")).statusCode()));
            }
            Thread.sleep(50); // the first requests are in; most are still to come or to cook
            cookedAtRestart = cooked().size();
            postgres.restart();
            for (Future<Integer> f : posts) {
                assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        for (String tree : trees) {
            awaitDone(servers.get(1), tree, Duration.ofMinutes(2));
        }
        List<String> cooked = cooked();
        assertThat(cookedAtRestart).as("the restart came while bundles were still to cook").isLessThan(BUNDLES);
        assertThat(cooked).as("one 'Cooked' line per bundle across the three processes").hasSize(BUNDLES)
                .doesNotHaveDuplicates();
        assertThat(servers).as("every process took part").allSatisfy(s ->
                assertThat(s.log.stream().anyMatch(l -> COOKED.matcher(l).matches())).isTrue());
    }

    @Test
    void aProcessKilledMidCookLosesNothing() throws Exception {
        startThree(List.of("-XX:ActiveProcessorCount=1"));
        ServeProcess first = servers.get(0);
        URI cook = first.uri.resolve("api/1/vault/flat/swh:1:dir:" + bigTree + "/");
        assertThat(send("POST", cook).statusCode()).isEqualTo(200);
        // who claimed it: the lease owner is <instance id>#<n>, and the instance id vault-<pid>-<random>
        long owner = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (owner < 0 && System.nanoTime() < deadline) {
            String lease = postgres.psql(dbName(), "SELECT coalesce(lease_owner, '') FROM swhvault_request"
                    + " WHERE swhid = 'swh:1:dir:" + bigTree + "'");
            Matcher m = Pattern.compile("vault-(\\d+)-.*").matcher(lease);
            if (m.matches()) {
                owner = Long.parseLong(m.group(1));
            }
        }
        assertThat(owner).as("a process claimed the cook").isPositive();
        long victimPid = owner;
        ServeProcess victim = servers.stream().filter(s -> s.process.pid() == victimPid).findFirst().orElseThrow();
        victim.process.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
        assertThat(victim.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.log).noneMatch(l -> l.contains("Cooked flat:swh:1:dir:" + bigTree));

        ServeProcess survivor = servers.stream().filter(s -> s != victim).findFirst().orElseThrow();
        awaitDone(survivor, bigTree, Duration.ofSeconds(90));
        assertThat(servers.stream().filter(s -> s != victim).flatMap(s -> s.log.stream()))
                .anyMatch(l -> l.matches(".*Cooked flat:swh:1:dir:" + bigTree + " \\(attempt 2\\)"));
        HttpResponse<byte[]> raw = CLIENT.send(HttpRequest.newBuilder(survivor.uri.resolve(
                "api/1/vault/flat/swh:1:dir:" + bigTree + "/raw/")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body().length).as("96 MiB of random bytes do not compress").isGreaterThan(96 << 20);
    }

    private String dbName() {
        return "serve" + databases;
    }

    /** The bundles the three processes logged as cooked, one entry per line. */
    private List<String> cooked() {
        List<String> cooked = new ArrayList<>();
        for (ServeProcess s : servers) {
            for (String line : s.log) {
                Matcher m = COOKED.matcher(line);
                if (m.matches()) {
                    cooked.add(m.group(1));
                }
            }
        }
        return cooked;
    }
}
