package org.swhvault.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests racing for one bundle, and a cook that fails then succeeds, seen through HTTP. */
class CookingLifecycleTest {
    @TempDir
    Path tmp;

    private TestRepo repo;
    private TestCooker flat;
    private Served served;

    @BeforeEach
    void start() throws Exception {
        repo = TestRepo.create(tmp);
        flat = TestCooker.held(BundleType.FLAT, 100);
        served = Served.over(repo, tmp.resolve("store"), List.of(flat), new VaultListener() { }, b -> b.threads(8));
    }

    @AfterEach
    void stop() {
        flat.release();
        served.close();
    }

    @Test
    void concurrentRequestsForOneBundleCookItOnce() throws Exception {
        String path = "/api/1/vault/flat/" + repo.tree + "/";
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Served.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(clients.submit(() -> served.post(path)));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Served.Answer> a : answers) {
                assertThat(a.get().status()).isEqualTo(200);
                ids.add(a.get().json().get("id").asLong());
            }
            assertThat(ids).hasSize(1);
        } finally {
            clients.shutdown();
        }
        flat.release();
        assertThat(served.awaitFinal(path).json().get("status").asText()).isEqualTo("done");
        assertThat(flat.cooks()).isEqualTo(1);
    }

    @Test
    void aFailedCookShowsOneSentenceAndIsCookedAgainOnTheNextRequest() throws Exception {
        String path = "/api/1/vault/flat/" + repo.tree + "/";
        flat.failing(true);
        flat.release();
        long id = served.post(path).json().get("id").asLong();
        JsonNode failed = served.awaitFinal(path).json();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("progress_message").asText()).doesNotContain("\n").doesNotContain("at some.Frame")
                .isNotBlank();
        assertThat(served.get(path + "raw/").status()).isEqualTo(404);

        flat.failing(false);
        JsonNode again = served.post(path).json();
        assertThat(again.get("id").asLong()).isEqualTo(id);
        assertThat(again.get("status").asText()).isIn("new", "pending", "done");
        assertThat(served.awaitFinal(path).json().get("status").asText()).isEqualTo("done");
        assertThat(served.get(path + "raw/").body()).isEqualTo(TestCooker.bytes(repo.tree, 100));
        assertThat(flat.cooks()).isEqualTo(2);
    }
}
