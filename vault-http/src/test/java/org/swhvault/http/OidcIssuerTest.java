package org.swhvault.http;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens that are JWTs of an OpenID Connect issuer, over real sockets: the test is the issuer (keys it
 * makes, its discovery document and key set served on a loopback port) and signs its own tokens.
 */
class OidcIssuerTest extends OverTestRepo {
    private Server issuerServer;
    private String issuer;
    private RSAKey key;
    private final AtomicInteger keySetReads = new AtomicInteger();
    private Served served;

    @BeforeEach
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        issuerServer = new Server();
        ServerConnector connector = new ServerConnector(issuerServer);
        connector.setHost("127.0.0.1");
        issuerServer.addConnector(connector);
        issuerServer.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = request.getHttpURI().getPath();
                String body;
                if (path.equals("/realms/test/.well-known/openid-configuration")) {
                    body = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                            + "/protocol/openid-connect/certs\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
                } else if (path.equals("/realms/test/protocol/openid-connect/certs")) {
                    keySetReads.incrementAndGet();
                    body = new JWKSet(key.toPublicJWK()).toString();
                } else {
                    response.setStatus(404);
                    callback.succeeded();
                    return true;
                }
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        issuerServer.start();
        issuer = "http://127.0.0.1:" + connector.getLocalPort() + "/realms/test";
        served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 10)),
                new VaultListener() { }, b -> b.rateLimit(RateLimit.parse("2/min"))
                        .oidcIssuer(URI.create(issuer), Optional.of(RateLimit.parse("4/min")), Optional.empty())
                        .nanoTime(() -> 0));
    }

    @AfterEach
    void stop() throws Exception {
        served.close();
        issuerServer.stop();
    }

    private JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience("account")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", subject + "-name");
    }

    private String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String status() {
        return "/api/1/vault/flat/" + repo.tree + "/";
    }

    private Served.Answer get(String path, String jwt) {
        return served.get(path, "Authorization", "Bearer " + jwt);
    }

    @Test
    void aValidJwtGetsTheLimitsOfItsUserCountedPerUser() throws Exception {
        String alice = sign(claims("alice").build());
        String bob = sign(claims("bob").build());
        for (int i = 0; i < 4; i++) {
            Served.Answer a = get(status(), alice);
            assertThat(a.status()).isEqualTo(404); // served (never requested), not refused
            assertThat(a.header("X-RateLimit-Limit")).isEqualTo("4");
            assertThat(a.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
        }
        assertThat(get(status(), alice).status()).isEqualTo(429);
        assertThat(get(status(), sign(claims("alice").build())).status()).isEqualTo(429); // a new token, the same user
        assertThat(get(status(), bob).header("X-RateLimit-Remaining")).isEqualTo("3");
        assertThat(served.get(status()).header("X-RateLimit-Limit")).isEqualTo("2");

        Served.Answer described = get("/api/1/vault/", bob);
        assertThat(described.json().get("authenticated_as").asText()).isEqualTo("bob-name");
        assertThat(described.json().get("authentication").get("oidc_issuer").asText()).isEqualTo(issuer);
        assertThat(described.json().get("cook_rate_limit").isNull()).isTrue();
        assertThat(keySetReads.get()).isEqualTo(1); // read once, then cached
    }

    @Test
    void anInvalidJwtIs401WithWhatIsWrong() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims("mallory").build());
        forged.sign(new RSASSASigner(stranger));
        Instant past = Instant.now().minusSeconds(3600);
        String[][] refused = {
            {sign(claims("carol").expirationTime(Date.from(past)).build()), "The bearer token has expired."},
            {sign(claims("carol").issuer("https://elsewhere.example/realms/test").build()), "not a valid token of"},
            {sign(claims("carol").subject(null).build()), "not a valid token of"},
            {forged.serialize(), "not a valid token of"},
            {sign(claims("carol").build()).replaceAll("\\.[^.]*$", ".c2lnbmF0dXJl"), "not a valid token of"},
            {"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "not a valid token of"}};
        for (String[] r : refused) {
            Served.Answer a = get(status(), r[0]);
            assertThat(a.status()).as(r[1]).isEqualTo(401);
            assertThat(a.json().get("exception").asText()).isEqualTo("AuthenticationFailed");
            assertThat(a.json().get("reason").asText()).contains(r[1]).doesNotContain(r[0]);
        }
    }

    @Test
    void whileTheIssuerCannotBeReachedJwtsAre503AndOtherRequestsAreServed() throws Exception {
        issuerServer.stop();
        Served.Answer a = get(status(), sign(claims("alice").build()));
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.json().get("reason").asText()).startsWith("The OpenID Connect issuer " + issuer
                + " cannot be reached");
        assertThat(served.get(status()).status()).isEqualTo(404);
        Served.Answer notJwt = get(status(), "swhvault_abc");
        assertThat(notJwt.status()).isEqualTo(401);
        assertThat(notJwt.json().get("reason").asText()).isEqualTo("The bearer token is not a JWT of the OpenID"
                + " Connect issuer " + issuer + ".");
    }
}
