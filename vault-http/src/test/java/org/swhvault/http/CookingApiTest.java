package org.swhvault.http;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** The cooking and status endpoints, current and legacy, over a real socket. */
class CookingApiTest extends OverTestRepo {
    private TestCooker flat;
    private Served served;
    private final List<String> notified = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        flat = TestCooker.held(BundleType.FLAT, 1000);
        VaultListener listener = new VaultListener() {
            @Override
            public void onDone(BundleStatus status, List<String> emails) {
                emails.forEach(e -> notified.add(status.key() + " " + e));
            }
        };
        served = Served.over(repo, tmp.resolve("store"), List.of(flat, TestCooker.of(BundleType.GITFAST, 10),
                TestCooker.of(BundleType.GIT_BARE, 10)), listener, b -> { });
    }

    @AfterEach
    void stop() {
        flat.release();
        served.close();
    }

    private String cookPath(BundleType type, Object swhid) {
        return "/api/1/vault/" + type.apiName() + "/" + swhid + "/";
    }

    @Test
    void postRequestsABundleAndGetFollowsItToDone() throws Exception {
        String path = cookPath(BundleType.FLAT, repo.tree);
        Served.Answer posted = served.post(path);
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.header("Content-Type")).isEqualTo("application/json");
        assertThat(posted.header("Cache-Control")).contains("no-cache").contains("no-store");
        JsonNode json = posted.json();
        assertThat(json.properties()).extracting(e -> e.getKey())
                .containsExactly("fetch_url", "progress_message", "id", "status", "swhid");
        assertThat(json.get("fetch_url").asText()).isEqualTo(served.uri + "api/1/vault/flat/" + repo.tree + "/raw/");
        assertThat(json.get("swhid").asText()).isEqualTo(repo.tree.toString());
        assertThat(json.get("status").asText()).isIn("new", "pending");
        long id = json.get("id").asLong();

        Served.Answer pending = served.get(path);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.json().get("id").asLong()).isEqualTo(id);
        assertThat(pending.json().get("status").asText()).isIn("new", "pending");

        flat.release();
        JsonNode done = served.awaitFinal(path).json();
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("id").asLong()).isEqualTo(id);
        assertThat(done.get("progress_message").isNull()).isTrue();
        assertThat(served.post(path).json().get("id").asLong()).as("cooking is idempotent").isEqualTo(id);
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutTheBody() throws Exception {
        String path = cookPath(BundleType.GITFAST, repo.head);
        served.post(path);
        Served.Answer get = served.awaitFinal(path);
        Served.Answer head = served.send("HEAD", path);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().length));
        assertThat(head.header("Content-Type")).isEqualTo("application/json");
        assertThat(served.send("HEAD", cookPath(BundleType.FLAT, repo.firstTree)).status()).isEqualTo(404);
    }

    @Test
    void optionsListsTheMethodsAndOthersAreNotAllowed() {
        String path = cookPath(BundleType.FLAT, repo.tree);
        Served.Answer options = served.send("OPTIONS", path);
        assertThat(options.status()).as("200 with a description, as the reference's DRF views").isEqualTo(200);
        assertThat(options.header("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
        assertThat(options.json().get("name").asText()).isEqualTo("Vault flat bundle");
        assertThat(options.json().get("methods").has("POST")).isTrue();
        assertThat(options.json().get("renders").get(0).asText()).isEqualTo("application/json");
        assertThat(served.send("OPTIONS", path + "raw/").header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "GE"}) {
            Served.Answer refused = served.send(method, path);
            assertThat(refused.status()).as(method).isEqualTo(405);
            assertThat(refused.header("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
            assertThat(refused.json().get("exception").asText()).isEqualTo("MethodNotAllowed");
            assertThat(refused.json().get("reason").asText()).isEqualTo("Method \"" + method + "\" not allowed.");
        }
        assertThat(served.post(path + "raw/").status()).isEqualTo(405);
    }

    @Test
    void errorsHaveTheReferencesStatusesAndBodies() {
        Served.Answer never = served.get(cookPath(BundleType.FLAT, repo.tree));
        assertThat(never.status()).isEqualTo(404);
        assertThat(never.json().get("exception").asText()).isEqualTo("NotFoundExc");
        assertThat(never.json().get("reason").asText()).isEqualTo("Cooking of " + repo.tree + " was never requested.");

        String missing = "swh:1:dir:" + "0".repeat(40);
        Served.Answer unknown = served.post(cookPath(BundleType.FLAT, missing));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("reason").asText()).isEqualTo(missing + " not found.");

        Served.Answer malformed = served.post("/api/1/vault/flat/swh:1:dir:123/");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("exception").asText()).isEqualTo("BadInputExc");
        assertThat(malformed.json().get("reason").asText()).startsWith("Error when parsing identifier: ");

        Served.Answer content = served.post(cookPath(BundleType.FLAT, repo.blob));
        assertThat(content.status()).isEqualTo(400);
        assertThat(content.json().get("reason").asText())
                .isEqualTo("Content objects do not need to be cooked, use `/api/1/content/raw/` instead.");
        Served.Answer bareContent = served.post(cookPath(BundleType.GIT_BARE, repo.blob));
        assertThat(bareContent.json().get("reason").asText())
                .isEqualTo("Object type CONTENT cannot be cooked as 'git-bare' bundle.");
        Served.Answer gitfastDir = served.post(cookPath(BundleType.GITFAST, repo.tree));
        assertThat(gitfastDir.status()).isEqualTo(400);
        assertThat(gitfastDir.json().get("reason").asText()).startsWith("Only revisions can be cooked as 'gitfast'");

        assertThat(served.get("/api/1/vault/zip/" + repo.tree + "/").status()).isEqualTo(404);
        assertThat(served.get("/nothing/here").json().get("exception").asText()).isEqualTo("NotFoundExc");
    }

    @Test
    void aQualifiedSwhidIsRefusedAsTheReferenceDoesAndAnUppercaseOneIsAnsweredForItsCore() {
        String qualified = repo.tree + ";origin=https://example.org/a%20b;path=/docs/";
        for (String path : List.of(cookPath(BundleType.FLAT, qualified), cookPath(BundleType.FLAT, qualified) + "raw/")) {
            Served.Answer refused = path.endsWith("raw/") ? served.get(path) : served.post(path);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.json().get("reason").asText())
                    .isEqualTo("Error when parsing identifier: CoreSWHID does not support qualifiers.");
        }
        Served.Answer a = served.post(cookPath(BundleType.FLAT, repo.tree));
        Served.Answer upper = served.get(cookPath(BundleType.FLAT, repo.tree.toString().toUpperCase()));
        assertThat(upper.json().get("id").asLong()).isEqualTo(a.json().get("id").asLong());
    }

    @Test
    void theEmailOfAFormBodyOrOfTheQueryReachesTheListeners() throws Exception {
        String path = cookPath(BundleType.FLAT, repo.tree);
        served.send("POST", path, HttpRequest.BodyPublishers.ofString("email=form%40example.org&x=1"),
                "Content-Type", "application/x-www-form-urlencoded");
        served.post(path + "?email=query%40example.org");
        flat.release();
        served.awaitFinal(path);
        served.post(path + "?email=late%40example.org"); // already cooked: told at once
        assertThat(notified).containsExactlyInAnyOrder("flat:" + repo.tree + " form@example.org",
                "flat:" + repo.tree + " query@example.org", "flat:" + repo.tree + " late@example.org");
    }

    @Test
    void legacyRoutesAnswerWithObjectTypeAndIdAndRedirectUppercase() throws Exception {
        String hex = repo.tree.id().toString();
        Served.Answer a = served.post("/api/1/vault/directory/" + hex + "/");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().properties()).extracting(e -> e.getKey())
                .containsExactly("fetch_url", "progress_message", "id", "status", "swhid", "obj_type", "obj_id");
        assertThat(a.json().get("obj_type").asText()).isEqualTo("directory");
        assertThat(a.json().get("obj_id").asText()).isEqualTo(hex);
        assertThat(a.json().get("fetch_url").asText()).endsWith("/api/1/vault/flat/swh:1:dir:" + hex + "/raw/");

        String rev = repo.head.id().toString();
        Served.Answer r = served.post("/api/1/vault/revision/" + rev + "/gitfast/");
        assertThat(r.json().get("obj_type").asText()).isEqualTo("revision");
        assertThat(r.json().get("swhid").asText()).isEqualTo(repo.head.toString());

        Served.Answer upper = served.post("/api/1/vault/directory/" + hex.toUpperCase() + "/?email=a%40b.org");
        assertThat(upper.status()).isEqualTo(302);
        assertThat(upper.header("Location")).isEqualTo("/api/1/vault/directory/" + hex + "/?email=a%40b.org");
        Served.Answer upperRaw = served.get("/api/1/vault/revision/" + rev.toUpperCase() + "/gitfast/raw/");
        assertThat(upperRaw.header("Location")).isEqualTo("/api/1/vault/revision/" + rev + "/gitfast/raw/");

        Served.Answer shortHex = served.get("/api/1/vault/directory/abc123/");
        assertThat(shortHex.status()).isEqualTo(400);
        assertThat(shortHex.json().get("reason").asText()).isEqualTo("Only sha1_git is supported.");
    }

    @Test
    void fetchUrlIsBuiltFromTheHostHeader() {
        // HttpClient refuses to set Host; the curl tests send other hosts. Here: the default one.
        Served.Answer a = served.post(cookPath(BundleType.FLAT, repo.tree));
        assertThat(a.json().get("fetch_url").asText())
                .startsWith("http://127.0.0.1:" + served.server.address().getPort() + "/");
    }
}
