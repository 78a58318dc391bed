package org.swhvault.examples.http;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.examples.cli.VaultCommand;
import org.swhvault.storage.s3.S3Server;

import org.swhvault.http.TestRepo;
import org.swhvault.http.Processes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault serve --store s3://…} against a real S3 server (S3Proxy in this JVM): cooking into the bucket, the
 * 302 to a pre-signed URL that the real curl follows, and refusing to start on wrong credentials or buckets.
 */
class S3ServeTest {
    private static final String BUCKET = "existing";
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3Server s3 = S3Server.withBuckets(BUCKET);

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static TestRepo repo;

    /** What an in-process run of the command line printed and returned. */
    private record Run(int exitCode, String err) {
    }

    @BeforeAll
    static void createRepo() throws Exception {
        repo = TestRepo.create(shared);
    }

    /** The environment of a server process: S3 credentials where the SDK's default chain finds them first. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        env.put("AWS_EC2_METADATA_DISABLED", "true"); // never ask a metadata service on the network
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        return env;
    }

    private String storeUrl(String bucketAndPrefix, String parameters) {
        return "s3://" + bucketAndPrefix + "?endpoint=" + s3.endpoint() + "&pathStyle=true" + parameters;
    }

    private static HttpResponse<String> send(String method, URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitDone(URI status) throws Exception {
        JsonNode json = null;
        for (int i = 0; i < 600 && (json == null || json.get("status").asText().matches("new|pending")); i++) {
            Thread.sleep(50);
            json = JSON.readTree(send("GET", status).body());
        }
        return json;
    }

    /** The query parameters of a URL, percent-decoded. */
    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void cooksIntoTheBucketRedirectsToASignedUrlAndCurlDownloadsTheTree() throws Exception {
        String fileName = "swh_1_dir_" + repo.tree.id() + ".tar.gz";
        String store = storeUrl("served/vault", "&createBucket=true");
        ServeProcess server = ServeProcess.start(tmp, environment(), List.of(), "--repo", repo.dir.toString(),
                "--store", store, "--port", "0");
        URI status = server.uri.resolve("api/1/vault/flat/" + repo.tree + "/");
        URI raw = status.resolve("raw/");
        Path bundle = tmp.resolve("downloaded.tar.gz");
        long id;
        try {
            HttpResponse<String> posted = send("POST", status);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            id = JSON.readTree(posted.body()).get("id").asLong();
            JsonNode done = awaitDone(status);
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
            assertThat(s3.holds("served", "vault/flat/" + fileName)).as("the bundle is in the bucket").isTrue();

            HttpResponse<String> redirect = send("GET", raw);
            assertThat(redirect.statusCode()).isEqualTo(302);
            URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
            assertThat(location.toString()).startsWith(s3.endpoint() + "/served/vault/flat/" + fileName + "?");
            Map<String, String> signed = query(location);
            assertThat(signed.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
            assertThat(signed.get("X-Amz-Credential")).startsWith(S3Server.ACCESS_KEY + "/");
            assertThat(signed.get("response-content-disposition"))
                    .isEqualTo("attachment; filename=\"" + fileName + "\"");
            assertThat(location.toString()).doesNotContain(S3Server.SECRET_KEY);

            Processes.Result curl = Processes.run(tmp, tmp, List.of("curl", "-sS", "-f", "--noproxy", "*", "-L",
                    "-w", "%{http_code} %{num_redirects}", "-o", bundle.toString(), raw.toString()));
            assertThat(curl.exitCode()).as(curl.stderr()).isZero();
            assertThat(curl.out()).isEqualTo("200 1");
        } finally {
            server.stop();
        }
        assertThat(tmp.resolve("cache/swhvault/requests")).as("the default journal directory").isDirectory();
        assertThat(tmp.resolve("cache/swhvault/bundles")).doesNotExist();

        Path out = Files.createDirectories(tmp.resolve("out"));
        Processes.check(out, repo.home, "tar", "-xzf", bundle.toString());
        Path root = out.resolve(repo.tree.toString());
        Path expected = Files.createDirectories(tmp.resolve("expected"));
        repo.git("archive", "-o", tmp.resolve("expected.tar").toString(), "HEAD");
        Processes.check(expected, repo.home, "tar", "-xf", tmp.resolve("expected.tar").toString());
        Processes.check(tmp, repo.home, "diff", "-r", "--no-dereference", expected.toString(), root.toString());
        String tree = Processes.check(root, repo.home, "env", "GIT_DIR=" + repo.dir.resolve(".git"),
                "GIT_INDEX_FILE=" + tmp.resolve("index"), "GIT_WORK_TREE=" + root, "sh", "-c",
                "git add -A && git write-tree");
        assertThat(tree).as("git hashes the extraction to the requested tree").isEqualTo(repo.tree.id().toString());

        // restarted with the journal named by --state, the server knows the request and the bundle in the bucket
        ServeProcess again = ServeProcess.start(tmp, environment(), List.of(), "--repo", repo.dir.toString(),
                "--store", storeUrl("served/vault", ""), "--state", tmp.resolve("cache/swhvault/requests").toString(),
                "--port", "0");
        try {
            JsonNode known = JSON.readTree(send("GET", again.uri.resolve(status.getPath())).body());
            assertThat(known.get("status").asText()).isEqualTo("done");
            assertThat(known.get("id").asLong()).isEqualTo(id);
            assertThat(send("GET", again.uri.resolve(raw.getPath())).statusCode()).isEqualTo(302);
        } finally {
            again.stop();
        }
    }

    @Test
    void aDirectoryStoreNeverLoadsTheS3Sdk() throws Exception {
        Path classes = tmp.resolve("classes.log");
        ServeProcess server = ServeProcess.start(tmp, Map.of(), List.of("-Xlog:class+load=info:file=" + classes),
                "--repo", repo.dir.toString(), "--store", tmp.resolve("store").toString(), "--port", "0");
        server.stop();
        String loaded = Files.readString(classes);
        assertThat(loaded).contains("org.swhvault.storage.fs.FsBundleStore ");
        // discovery by name instantiates every BundleStoreProvider, the s3 one too; nothing else of it is loaded
        assertThat(loaded).doesNotContain("software.amazon.awssdk").doesNotContain("org.swhvault.storage.s3.S3BundleStore ")
                .doesNotContain("org.swhvault.storage.s3.S3BundleStoreBuilder ");
    }

    /** Runs {@code vault serve ARGS} in this JVM, with S3 credentials as system properties (the SDK's first source). */
    private Run serve(String accessKey, String secretKey, String... args) {
        Map<String, String> properties = Map.of("aws.accessKeyId", accessKey, "aws.secretAccessKey", secretKey,
                "aws.disableEc2Metadata", "true");
        Map<String, String> before = new HashMap<>();
        properties.keySet().forEach(k -> before.put(k, System.getProperty(k)));
        StringWriter err = new StringWriter();
        try (PrintWriter errWriter = new PrintWriter(err)) {
            properties.forEach(System::setProperty);
            String[] all = new String[args.length + 7];
            System.arraycopy(new String[] {"serve", "--repo", repo.dir.toString(), "--state",
                    tmp.resolve("state").toString(), "--port", "0"}, 0, all, 0, 7);
            System.arraycopy(args, 0, all, 7, args.length);
            int code = VaultCommand.commandLine(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
                    errWriter).execute(all);
            errWriter.flush();
            return new Run(code, err.toString());
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    @Test
    void wrongCredentialsStopTheStartWithTheStoresMessage() {
        Run wrongSecret = serve(S3Server.ACCESS_KEY, "not-the-secret", "--store", storeUrl(BUCKET, ""));
        assertThat(wrongSecret.exitCode()).as(wrongSecret.err()).isEqualTo(1);
        assertThat(wrongSecret.err()).startsWith("error: S3 at " + s3.endpoint() + " rejected the credentials")
                .contains("the secret key does not match the access key").doesNotContain("\tat ")
                .doesNotContain("not-the-secret");
        Run unknownKey = serve("nobody", S3Server.SECRET_KEY, "--store", storeUrl(BUCKET, ""));
        assertThat(unknownKey.exitCode()).as(unknownKey.err()).isEqualTo(1);
        assertThat(unknownKey.err()).startsWith("error: S3 at " + s3.endpoint() + " rejected the credentials")
                .contains("it does not know the access key").doesNotContain("\tat ");
    }

    @Test
    void aMissingBucketStopsTheStartUnlessItMayBeCreated() {
        Run missing = serve(S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "--store", storeUrl("absent/p", ""));
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("error: bucket 'absent' does not exist at " + s3.endpoint()
                + "; create it, or configure the store to create it (createBucket=true).");
        assertThat(s3.hasBucket("absent")).as("not created").isFalse();
    }

    @Test
    void badStoreUrlsAreUsageErrors() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("s3://", "--store: the bucket is missing");
        cases.put(storeUrl(BUCKET, "&bukket=x"), "--store: unknown parameter 'bukket'");
        cases.put(storeUrl(BUCKET, "&secretKey=s3cr3t"), "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        cases.put(storeUrl(BUCKET, "&pathStyle=yes").replace("pathStyle=true&", ""),
                "setting 'pathStyle' must be true or false, got 'yes'");
        cases.put(storeUrl(BUCKET, "&partSize=1KiB"), "partSize must be between 5242880 and 1073741824 bytes");
        cases.put(storeUrl(BUCKET, "&urlValidity=P8D"), "urlValidity must be positive and at most PT168H");
        cases.put("s3://" + BUCKET + "?endpoint=ftp://h", "endpoint must be an http or https URL");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Run r = serve(S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "--store", c.getKey());
            assertThat(r.exitCode()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey()).contains(c.getValue()).contains("Usage: vault serve")
                    .doesNotContain("\tat ").doesNotContain("s3cr3t");
        }
        assertThat(Arrays.asList(tmp.toFile().list())).doesNotContain("state");
    }
}
