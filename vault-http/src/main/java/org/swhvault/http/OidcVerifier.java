package org.swhvault.http;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens that are JWTs signed by an OpenID Connect issuer, as Software Heritage's own accounts
 * issue them: the issuer's discovery document ({@code ISSUER/.well-known/openid-configuration}) names its key set
 * ({@code jwks_uri}), read when the first JWT comes and kept fresh as Nimbus JOSE+JWT's key source does (cached,
 * read again when a token names a key it does not know). A JWT is accepted when one of those keys signed it
 * (RSA or elliptic-curve signatures), its {@code iss} is the issuer, it has a subject and has not expired.
 * Thread-safe.
 */
final class OidcVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(OidcVerifier.class);
    /** Three base64url parts: a JWS in compact form. */
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** How long after a failed discovery the issuer is left alone: requests meanwhile are answered 503 at once. */
    private static final long RETRY_NANOS = 10_000_000_000L;
    private static final int TIMEOUT_MILLIS = 5000;
    private static final int SIZE_LIMIT = 512 * 1024;

    private final URI issuer;
    private final ResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS,
            SIZE_LIMIT);
    private final LongSupplier nanoTime;
    private DefaultJWTProcessor<SecurityContext> processor;
    private long failedAt;
    private String failure;

    /** Who a valid JWT names: its subject, and the name to show and log. */
    record Subject(String subject, String name) {
    }

    OidcVerifier(URI issuer, LongSupplier nanoTime) {
        this.issuer = issuer;
        this.nanoTime = nanoTime;
    }

    /** Returns the issuer. */
    URI issuer() {
        return issuer;
    }

    /** Whether a bearer token has the shape of a JWT, so that it is checked here rather than among API tokens. */
    static boolean looksLikeJwt(String token) {
        return JWT.matcher(token).matches();
    }

    /**
     * Verifies a JWT.
     *
     * @param jwt the token
     * @return its subject
     * @throws ApiError 401 if it is not a valid token of the issuer; 503 if the issuer's keys cannot be read
     */
    Subject verify(String jwt) {
        DefaultJWTProcessor<SecurityContext> verifier = processor();
        JWTClaimsSet claims;
        try {
            claims = verifier.process(jwt, null);
        } catch (ExpiredJWTException e) {
            throw ApiError.unauthorized("The bearer token has expired.");
        } catch (ParseException | BadJOSEException e) {
            throw ApiError.unauthorized("The bearer token is not a valid token of " + issuer + ": " + e.getMessage());
        } catch (KeySourceException e) {
            throw ApiError.unavailable("The keys of the OpenID Connect issuer " + issuer + " cannot be read: "
                    + e.getMessage());
        } catch (JOSEException e) {
            throw ApiError.unauthorized("The bearer token's signature cannot be checked: " + e.getMessage());
        }
        String subject = claims.getSubject();
        Object username = claims.getClaim("preferred_username");
        return new Subject(subject, username instanceof String s && !s.isBlank() ? s : subject);
    }

    /** The processor, made on first use from the discovery document; a failure is told for a while, then retried. */
    private synchronized DefaultJWTProcessor<SecurityContext> processor() {
        if (processor != null) {
            return processor;
        }
        if (failure != null && nanoTime.getAsLong() - failedAt < RETRY_NANOS) {
            throw ApiError.unavailable(failure);
        }
        try {
            URL jwks = discover();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks, retriever)
                    .refreshAheadCache(false).build();
            DefaultJWTProcessor<SecurityContext> made = new DefaultJWTProcessor<>();
            made.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            made.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("sub", "exp")));
            processor = made;
            failure = null;
            LOG.info("Accepting JWTs of the OpenID Connect issuer {} (keys at {})", issuer, jwks);
            return made;
        } catch (IOException | ParseException | IllegalArgumentException e) {
            failedAt = nanoTime.getAsLong();
            failure = "The OpenID Connect issuer " + issuer + " cannot be reached: " + e.getMessage();
            LOG.warn("{}", failure);
            throw ApiError.unavailable(failure);
        }
    }

    /** Reads the discovery document: the issuer it names must be ours (OpenID Connect Discovery 1.0, 4.3). */
    private URL discover() throws IOException, ParseException {
        String base = issuer.toString().replaceAll("/+$", "");
        URL url = toUrl(URI.create(base + "/.well-known/openid-configuration"));
        Map<String, Object> document = JSONObjectUtils.parse(retriever.retrieveResource(url).getContent());
        String named = JSONObjectUtils.getString(document, "issuer");
        if (!issuer.toString().equals(named)) {
            throw new IllegalArgumentException("its discovery document names the issuer " + named + ", not "
                    + issuer);
        }
        URI jwks = JSONObjectUtils.getURI(document, "jwks_uri");
        if (jwks == null) {
            throw new IllegalArgumentException("its discovery document has no jwks_uri");
        }
        return toUrl(jwks);
    }

    private static URL toUrl(URI uri) throws MalformedURLException {
        return uri.toURL();
    }

    @Override
    public String toString() {
        return "OidcVerifier[" + issuer + "]";
    }
}
