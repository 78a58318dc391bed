package org.swhvault.http;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens over real sockets: each token has its own limits, counted per token and not per address; a
 * credential the server does not accept is a 401 in the reference's JSON error shape, never anonymous; the
 * access log names the token's holder and never shows the token. The limiters' clock stands still.
 */
class TokenAuthTest extends OverTestRepo {
    private final AtomicLong now = new AtomicLong();
    private final ApiTokens.Issued guix = ApiTokens.issue("guix", Optional.of(RateLimit.parse("5/min")),
            Optional.of(RateLimit.parse("2/h")));
    private final ApiTokens.Issued opam = ApiTokens.issue("opam", Optional.of(RateLimit.parse("3/min")),
            Optional.empty());
    private final ApiTokens.Issued unlimited = ApiTokens.issue("mirror-ops", Optional.empty(), Optional.empty());

    private Served serve(Consumer<VaultHttpServer.Builder> options) throws Exception {
        return Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 10)),
                new VaultListener() { }, options.andThen(b -> b.nanoTime(now::get)));
    }

    private Served withTokens() throws Exception {
        return serve(b -> b.rateLimit(RateLimit.parse("2/min")).cookRateLimit(RateLimit.parse("1/h"))
                .tokens(ApiTokens.of(List.of(guix.entry(), opam.entry(), unlimited.entry()))));
    }

    private String status() {
        return "/api/1/vault/flat/" + repo.tree + "/";
    }

    private static String[] bearer(ApiTokens.Issued token) {
        return new String[] {"Authorization", "Bearer " + token.token()};
    }

    @Test
    void eachTokenHasItsOwnLimitsCountedPerTokenNotPerAddress() throws Exception {
        try (Served served = withTokens()) {
            served.post(status(), bearer(guix));
            for (int i = 0; i < 4; i++) {
                Served.Answer a = served.get(status(), bearer(guix));
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.header("X-RateLimit-Limit")).isEqualTo("5");
                assertThat(a.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
            }
            assertThat(served.get(status(), bearer(guix)).status()).isEqualTo(429);

            // the same address, another token: a budget of its own
            for (int i = 0; i < 3; i++) {
                Served.Answer a = served.get(status(), bearer(opam));
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.header("X-RateLimit-Limit")).isEqualTo("3");
            }
            assertThat(served.get(status(), bearer(opam)).status()).isEqualTo(429);

            // and without a token, the address's budget, untouched by the tokens' requests
            Served.Answer anonymous = served.get(status());
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.header("X-RateLimit-Limit")).isEqualTo("2");
            assertThat(anonymous.header("X-RateLimit-Remaining")).isEqualTo("1");

            // a token without limits has none, and no rate-limit headers
            for (int i = 0; i < 20; i++) {
                Served.Answer a = served.get(status(), bearer(unlimited));
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.header("X-RateLimit-Limit")).isNull();
            }
        }
    }

    @Test
    void theCookingLimitOfATokenIsItsOwnToo() throws Exception {
        try (Served served = withTokens()) {
            assertThat(served.post(status()).status()).isEqualTo(200);
            assertThat(served.post(status()).status()).isEqualTo(429); // 1/h for the address
            Served.Answer first = served.post(status(), bearer(guix));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("X-RateLimit-Limit")).isEqualTo("2");
            assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("1");
            assertThat(served.post(status(), bearer(guix)).status()).isEqualTo(200);
            Served.Answer third = served.post(status(), bearer(guix));
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.header("Retry-After")).isEqualTo("1800");
        }
    }

    @Test
    void theServerDescriptionShowsTheCallersLimitsWithoutTakingFromThem() throws Exception {
        try (Served served = withTokens()) {
            served.get(status(), bearer(guix));
            for (int i = 0; i < 2; i++) {
                Served.Answer a = served.get("/api/1/vault/", bearer(guix));
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.json().get("authenticated_as").asText()).isEqualTo("guix");
                assertThat(a.json().get("rate_limit").get("limit").asLong()).isEqualTo(5);
                assertThat(a.json().get("rate_limit").get("period").asLong()).isEqualTo(60);
                assertThat(a.json().get("rate_limit").get("remaining").asLong()).isEqualTo(4);
                assertThat(a.json().get("cook_rate_limit").get("limit").asLong()).isEqualTo(2);
            }
            Served.Answer anonymous = served.get("/api/1/vault/");
            assertThat(anonymous.json().get("authenticated_as").isNull()).isTrue();
            assertThat(anonymous.json().get("rate_limit").get("limit").asLong()).isEqualTo(2);
            assertThat(anonymous.json().get("authentication").get("api_tokens").asBoolean()).isTrue();
            assertThat(anonymous.json().get("authentication").get("oidc_issuer").isNull()).isTrue();
            assertThat(served.get("/api/1/vault/", bearer(unlimited)).json().get("rate_limit").isNull()).isTrue();
        }
    }

    @Test
    void anUnknownOrMalformedCredentialIs401NeverAnonymous() throws Exception {
        try (Served served = withTokens()) {
            String[][] refused = {
                {"Bearer " + ApiTokens.issue("nobody", Optional.empty(), Optional.empty()).token(),
                    "The bearer token is not a valid API token."},
                {"Bearer " + guix.token().substring(0, 20), "The bearer token is not a valid API token."},
                {"Bearer", "Only bearer tokens are accepted: send 'Authorization: Bearer TOKEN'."},
                {"Bearer   ", "Only bearer tokens are accepted: send 'Authorization: Bearer TOKEN'."},
                {"Bearer a b", "The bearer token is malformed."},
                {"Bearer tök", "The bearer token is malformed."},
                {"Basic dXNlcjpwYXNz", "Only bearer tokens are accepted: send 'Authorization: Bearer TOKEN'."},
                {"Token " + guix.token(), "Only bearer tokens are accepted: send 'Authorization: Bearer TOKEN'."}};
            for (String[] r : refused) {
                for (String method : List.of("GET", "POST")) {
                    Served.Answer a = served.send(method, status(), "Authorization", r[0]);
                    assertThat(a.status()).as("%s %s", method, r[0]).isEqualTo(401);
                    assertThat(a.header("Content-Type")).isEqualTo("application/json");
                    assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"swh-vault\", error=\"invalid_token\"");
                    assertThat(a.json().get("exception").asText()).isEqualTo("AuthenticationFailed");
                    assertThat(a.json().get("reason").asText()).isEqualTo(r[1]);
                    assertThat(a.json().properties()).hasSize(2);
                }
            }
            assertThat(served.get("/api/1/vault/", "Authorization", "Bearer nope").status()).isEqualTo(401);
            // refused credentials took nothing from the address's budget
            assertThat(served.get(status()).header("X-RateLimit-Remaining")).isEqualTo("1");
        }
    }

    @Test
    void aServerWithoutTokensRefusesEveryBearerToken() throws Exception {
        try (Served served = serve(b -> { })) {
            Served.Answer a = served.get(status(), bearer(guix));
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.json().get("reason").asText()).isEqualTo("This server accepts no API tokens.");
            assertThat(served.get(status()).status()).isEqualTo(404); // never requested: served as usual
        }
    }

    @Test
    void theAccessLogNamesTheHolderAndNeverShowsTheToken() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (Served served = withTokens()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            served.post(status(), bearer(guix));
            served.get(status(), bearer(guix));
            served.get(status(), "Authorization", "Bearer " + opam.token() + "x");
            served.get(status(), "Authorization", "Bearer " + unlimited.token());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("POST /api/1/vault/flat/" + repo.tree + "/ 200", "user=guix", "user=mirror-ops")
                .contains(" 401 ");
        for (ApiTokens.Issued token : List.of(guix, opam, unlimited)) {
            assertThat(log).doesNotContain(token.token()).doesNotContain(token.token().substring(ApiTokens.PREFIX.length()));
        }
    }
}
