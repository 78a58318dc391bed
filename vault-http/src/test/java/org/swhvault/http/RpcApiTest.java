package org.swhvault.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference vault's RPC API end to end over a real socket, as swh-web's {@code RemoteVaultClient} calls it:
 * POST /method, the keyword arguments as a msgpack map, {@code Accept: application/x-msgpack}; and in JSON.
 */
class RpcApiTest extends OverTestRepo {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private Served served;

    @BeforeEach
    void start() throws Exception {
        served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 70_000),
                TestCooker.of(BundleType.GIT_BARE, 10)), new VaultListener() { }, b -> b.rpc(true));
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private record Answer(int status, String contentType, Object value, byte[] raw) {
    }

    private Answer call(String method, Map<String, Object> args, boolean msgpack) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(served.uri.resolve(method))
                .header("Content-Type", msgpack ? "application/x-msgpack" : "application/json")
                .header("Accept", msgpack ? "application/x-msgpack" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(msgpack ? RpcCodec.writeMsgpack(args)
                        : RpcCodec.writeJson(args))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String type = r.headers().firstValue("Content-Type").orElse("");
        Object value = type.startsWith("application/x-msgpack") ? RpcCodec.readMsgpack(r.body()) : RpcCodec.readJson(r.body());
        return new Answer(r.statusCode(), type, value, r.body());
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Answer a) {
        return (Map<String, Object>) a.value();
    }

    @Test
    void cookProgressFetchAndDownloadUrlAsSwhWebCallsThem() throws Exception {
        Swhid dir = repo.tree;
        // the very bytes swh-core's client sends for cook(bundle_type="flat", swhid=…, email=None)
        Answer cooked = call("cook", args("bundle_type", "flat", "swhid", dir, "email", null), true);
        assertThat(cooked.status()).isEqualTo(200);
        assertThat(cooked.contentType()).isEqualTo("application/x-msgpack");
        assertThat(map(cooked)).containsEntry("type", "flat").containsEntry("swhid", dir)
                .containsKeys("id", "task_id", "task_status", "sticky", "ts_created", "ts_done", "ts_last_access",
                        "progress_msg");
        Map<String, Object> progress = map(cooked);
        for (int i = 0; i < 300 && !"done".equals(progress.get("task_status")); i++) {
            Thread.sleep(20);
            progress = map(call("progress", args("bundle_type", "flat", "swhid", dir), true));
        }
        assertThat(progress).containsEntry("task_status", "done").containsEntry("progress_msg", null);
        assertThat(progress.get("ts_done")).isInstanceOf(java.time.Instant.class);

        Answer fetched = call("fetch", args("bundle_type", "flat", "swhid", dir), true);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(fetched.raw(), 0, 5)).as("one msgpack bin 32, streamed").isEqualTo("c600011170");
        assertThat(((org.swhvault.spi.model.Bytes) fetched.value()).toByteArray())
                .as("a bin decodes to Bytes").isEqualTo(TestCooker.bytes(dir, 70_000));
        assertThat(call("download_url", args("bundle_type", "flat", "swhid", dir), true).value())
                .as("a file store signs no URL: None, as the reference's pathslicing cache").isNull();

        Answer jsonFetch = call("fetch", args("bundle_type", "flat", "swhid", dir), false);
        assertThat(jsonFetch.contentType()).startsWith("application/json");
        assertThat((byte[]) jsonFetch.value()).as("base 85, streamed").isEqualTo(TestCooker.bytes(dir, 70_000));

        Answer json = call("progress", args("bundle_type", "flat", "swhid", dir), false);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(map(json)).containsEntry("task_status", "done").containsEntry("swhid", dir);
    }

    @Test
    void missingBundlesUnknownTypesAndBatchesAreSwhVaultsNotFoundExcWith400() throws Exception {
        Swhid nowhere = Swhid.parse("swh:1:dir:" + "0".repeat(40));
        Answer unknown = call("progress", args("bundle_type", "flat", "swhid", nowhere), true);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(map(unknown)).containsEntry("type", "NotFoundExc").containsEntry("module", "swh.vault.exc")
                .containsEntry("args", List.of("flat " + nowhere + " was not found."))
                .containsEntry("message", "flat " + nowhere + " was not found.").containsEntry("traceback", List.of());
        assertThat(map(call("fetch", args("bundle_type", "flat", "swhid", nowhere), true)))
                .containsEntry("message", "flat " + nowhere + " is not available.");
        assertThat(map(call("cook", args("bundle_type", "tarball", "swhid", nowhere), true)))
                .containsEntry("message", "tarball is an unknown type.");
        assertThat(map(call("batch_progress", args("batch_id", 99L), true)))
                .containsEntry("message", "Batch 99 does not exist.");
        Answer absent = call("cook", args("bundle_type", "flat", "swhid", nowhere, "email", null), true);
        assertThat(absent.status()).isEqualTo(400);
        assertThat(map(absent)).as("swh-vault's backend's sentence, which swh-web shows").containsEntry("type",
                "NotFoundExc").containsEntry("message", "flat " + nowhere + " was not found.");
    }

    private Answer callRaw(String method, String body) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(served.uri.resolve(method))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                RpcCodec.readJson(r.body()), r.body());
    }

    /** Arguments of the wrong type, a short batch pair, a body that is not JSON: 400 in words, no Java names. */
    @Test
    void badArgumentsAreA400TypeErrorThatSaysWhatWasWrongInTheCallersTerms() throws Exception {
        String dir = repo.tree.toString();
        String[][] cases = {
            {"cook", "{\"bundle_type\": 1, \"swhid\": \"" + dir + "\"}", "bundle_type must be a string, got a number"},
            {"cook", "{\"bundle_type\": \"flat\", \"swhid\": [1]}", "swhid must be a string, got a list"},
            {"cook", "{\"bundle_type\": \"flat\", \"swhid\": \"" + dir + "\", \"email\": 5}",
                "email must be a string, got a number"},
            {"batch_cook", "{\"batch\": 5}", "batch must be a list, got a number"},
            {"batch_cook", "{\"batch\": [\"flat\"]}", "an item of batch must be a list, got a string"},
            {"batch_cook", "{\"batch\": [[\"flat\"]]}", "an item of batch must be a pair [bundle_type, swhid], got 1 item"},
            {"batch_progress", "{\"batch_id\": \"one\"}", "batch_id must be a number, got a string"},
            {"cook", "not json", "the body is not valid JSON (line 1, column "},
            {"cook", "[1, 2", "the body is not valid JSON (line 1, column "},
            {"cook", " ", "the body holds no JSON value"}};
        for (String[] c : cases) {
            Answer a = callRaw(c[0], c[1]);
            assertThat(a.status()).as(c[1]).isEqualTo(400);
            assertThat(map(a)).as(c[1]).containsEntry("type", "TypeError").containsEntry("module", "builtins");
            assertThat((String) map(a).get("message")).as(c[1]).startsWith("Bad arguments: " + c[2])
                    .doesNotContain("java.").doesNotContain("class ").doesNotContain("Source");
        }
    }

    @Test
    void aBatchIsCookedAndItsProgressCounted() throws Exception {
        Answer batch = call("batch_cook", args("batch", List.of(List.of("flat", repo.tree.toString()),
                List.of("git_bare", repo.head.toString()))), true);
        assertThat(batch.status()).isEqualTo(200);
        long id = ((Number) batch.value()).longValue();
        Map<String, Object> progress = Map.of();
        for (int i = 0; i < 300 && !Long.valueOf(2).equals(progress.get("done")); i++) {
            Thread.sleep(20);
            progress = map(call("batch_progress", args("batch_id", id), true));
        }
        assertThat(progress).containsEntry("total", 2L).containsEntry("done", 2L).containsEntry("new", 0L)
                .containsEntry("pending", 0L).containsEntry("failed", 0L);
        List<Object> types = ((List<?>) progress.get("bundles")).stream().map(b -> ((Map<?, ?>) b).get("type"))
                .map(Object.class::cast).toList();
        assertThat(types).containsExactly("flat", "git_bare");
    }

    @Test
    void theRpcRoutesAreOffUnlessAskedFor() throws Exception {
        try (Served plain = Served.over(repo, tmp.resolve("plain"), List.of(TestCooker.of(BundleType.FLAT, 10)),
                new VaultListener() { }, b -> { })) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(plain.uri.resolve("cook"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }
}
