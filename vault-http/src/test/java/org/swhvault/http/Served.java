package org.swhvault.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.swhvault.core.Vault;
import org.swhvault.core.VaultListener;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.request.JournalRequestStore;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.storage.fs.FsBundleStore;

/**
 * A vault over a git repository with a file store and a durable request store, served over a real socket on
 * a free loopback port, and an {@link HttpClient} that does not follow redirects.
 */
final class Served implements AutoCloseable {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    final Vault vault;
    final VaultHttpServer server;
    final URI uri;
    private final ObjectSource source;
    private final BundleStore store;
    final JournalRequestStore requests;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What the server answered. */
    record Answer(int status, HttpResponse<byte[]> response) {
        byte[] body() {
            return response.body();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JACKSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Served(ObjectSource source, Path storeDir, List<Cooker> cookers, VaultListener listener,
            Consumer<VaultHttpServer.Builder> options) throws IOException {
        this(source, storeDir, Cookers.of(cookers), listener, options);
    }

    Served(ObjectSource source, Path storeDir, Cookers cookers, VaultListener listener,
            Consumer<VaultHttpServer.Builder> options) throws IOException {
        this(source, storeDir, cookers, listener, options, null);
    }

    /** With a signer, the store gives download URLs as an object store does. */
    Served(ObjectSource source, Path storeDir, Cookers cookers, VaultListener listener,
            Consumer<VaultHttpServer.Builder> options, BiFunction<BundleKey, Duration, Optional<URI>> signer)
            throws IOException {
        this.source = source;
        this.store = signer == null ? FsBundleStore.open(storeDir) : new SigningStore(FsBundleStore.open(storeDir), signer);
        this.requests = JournalRequestStore.open(storeDir.resolve("requests"));
        this.vault = Vault.builder().source(source).store(store).requestStore(requests).cookers(cookers)
                .listener(listener).shutdownGracePeriod(Duration.ofMillis(100)).build();
        VaultHttpServer.Builder builder = VaultHttpServer.builder(vault).port(0).threads(4);
        options.accept(builder);
        this.server = builder.start();
        this.uri = server.uri();
    }

    static Served over(TestRepo repo, Path storeDir, List<Cooker> cookers, VaultListener listener,
            Consumer<VaultHttpServer.Builder> options) throws IOException {
        return new Served(GitObjectSource.open(repo.dir), storeDir, cookers, listener, options);
    }

    Answer send(String method, String path, String... headers) {
        return send(method, path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    Answer send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve(path)).method(method, body)
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Answer get(String path, String... headers) {
        return send("GET", path, headers);
    }

    Answer post(String path, String... headers) {
        return send("POST", path, headers);
    }

    /** Polls the status until the bundle is done or failed, and returns the last answer. */
    Answer awaitFinal(String statusPath) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Answer a = get(statusPath);
            String status = a.status() == 200 ? a.json().get("status").asText() : "";
            if (status.equals("done") || status.equals("failed") || System.nanoTime() > deadline) {
                return a;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.close();
        vault.close();
        requests.close();
        store.close();
        source.close();
    }
}
