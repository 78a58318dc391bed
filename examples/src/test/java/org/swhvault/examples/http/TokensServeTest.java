package org.swhvault.examples.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.http.ApiTokens;
import org.swhvault.http.RateLimit;
import org.swhvault.http.TestRepo;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vault serve --tokens FILE} as a process: tokens' limits, 401s, and a request log without tokens. */
class TokensServeTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenGetsItsLimitsAnUnknownOneIs401AndTheLogNamesTheHolderOnly() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        ApiTokens.Issued guix = ApiTokens.issue("guix", Optional.of(RateLimit.parse("100/min")), Optional.empty());
        Path tokens = Files.writeString(tmp.resolve("tokens"), "# vault tokens\n" + guix.entry().line() + "\n");
        ServeProcess server = ServeProcess.start(tmp, Map.of(), List.of(), "--repo", repo.dir.toString(), "--store",
                tmp.resolve("store").toString(), "--port", "0", "--rate-limit", "1/min", "--tokens", tokens.toString());
        try {
            URI status = server.uri.resolve("api/1/vault/flat/" + repo.tree + "/");
            HttpResponse<String> withToken = get(status, "Authorization", "Bearer " + guix.token());
            assertThat(withToken.statusCode()).isEqualTo(404);
            assertThat(withToken.headers().firstValue("X-RateLimit-Limit")).contains("100");
            assertThat(get(status).headers().firstValue("X-RateLimit-Limit")).contains("1");
            assertThat(get(status).statusCode()).isEqualTo(429);
            assertThat(get(status, "Authorization", "Bearer " + guix.token()).statusCode()).isEqualTo(404);

            HttpResponse<String> unknown = get(status, "Authorization", "Bearer " + guix.token() + "0");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).isEqualTo("{\"exception\":\"AuthenticationFailed\",\"reason\":\"The bearer token"
                    + " is not a valid API token.\"}");
            server.awaitLine(Pattern.compile(".* GET /api/1/vault/flat/" + repo.tree + "/ 401 .*"));
            assertThat(server.log).anyMatch(l -> l.endsWith(" user=guix"));
        } finally {
            server.stop();
        }
        assertThat(String.join("\n", server.log)).doesNotContain(guix.token())
                .doesNotContain(guix.token().substring(ApiTokens.PREFIX.length()));
    }

    @Test
    void aMissingOrMalformedTokensFileOrAnOidcLimitWithoutIssuerIsAUsageError() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        Path bad = Files.writeString(tmp.resolve("bad"), "not a line\n");
        for (String[] c : new String[][] {
            {"--tokens", tmp.resolve("missing").toString(), "--tokens: no such file: "},
            {"--tokens", bad.toString(), "--tokens: " + bad + ":1: expected TOKEN_SHA256 NAME RATE_LIMIT COOK_RATE_LIMIT"},
            {"--oidc-rate-limit", "5/min", "--oidc-rate-limit and --oidc-cook-rate-limit need --oidc-issuer"}}) {
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.swhvault.examples.cli.VaultCommand", "serve",
                    "--repo", repo.dir.toString(), "--store", tmp.resolve("store").toString(), "--port", "0",
                    c[0], c[1])).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes());
            assertThat(p.waitFor()).isEqualTo(2);
            assertThat(err).contains(c[2]);
        }
    }
}
