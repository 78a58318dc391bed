package org.swhvault.http;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Tells who sent a request from its {@code Authorization} header: nobody (then its address is what the rate
 * limits count), an API token of the tokens file, or a user of the OpenID Connect issuer. Credentials that are
 * sent must be good: a malformed or unknown one is answered 401, never served as anonymous. Never logs a token.
 * Thread-safe.
 */
final class Authenticator {
    /** RFC 6750's b64token. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final int MAX_TOKEN = 8192;

    private final Optional<RateLimiter> anonymous;
    private final Optional<RateLimiter> anonymousCooks;
    private final Optional<ApiTokens> tokens;
    private final Map<String, Caller> tokenCallers = new ConcurrentHashMap<>();
    private final Optional<OidcVerifier> oidc;
    private final Optional<RateLimiter> oidcLimiter;
    private final Optional<RateLimiter> oidcCookLimiter;
    private final LongSupplier nanoTime;

    /**
     * @param anonymous the limit of every request of an address, if any
     * @param anonymousCooks the limit of cooking requests of an address, if any
     * @param tokens the API tokens accepted, if any
     * @param oidc the issuer whose JWTs are accepted, with the limits of each of its users, if any
     * @param nanoTime the clock of the limiters
     */
    Authenticator(Optional<RateLimit> anonymous, Optional<RateLimit> anonymousCooks, Optional<ApiTokens> tokens,
            Optional<OidcUsers> oidc, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.anonymous = anonymous.map(l -> new RateLimiter(l, nanoTime));
        this.anonymousCooks = anonymousCooks.map(l -> new RateLimiter(l, nanoTime));
        this.tokens = tokens;
        this.oidc = oidc.map(o -> new OidcVerifier(o.issuer(), nanoTime));
        this.oidcLimiter = oidc.flatMap(OidcUsers::rateLimit).map(l -> new RateLimiter(l, nanoTime));
        this.oidcCookLimiter = oidc.flatMap(OidcUsers::cookRateLimit).map(l -> new RateLimiter(l, nanoTime));
    }

    /**
     * The users of an OpenID Connect issuer, and their limits.
     *
     * @param issuer the issuer
     * @param rateLimit the limit of each user's requests, if any
     * @param cookRateLimit the limit of each user's cooking requests, if any
     */
    record OidcUsers(java.net.URI issuer, Optional<RateLimit> rateLimit, Optional<RateLimit> cookRateLimit) {
    }

    /** Whether any credential is accepted. */
    boolean acceptsCredentials() {
        return tokens.isPresent() || oidc.isPresent();
    }

    /** Returns the OpenID Connect issuer whose JWTs are accepted, if any. */
    Optional<java.net.URI> oidcIssuer() {
        return oidc.map(OidcVerifier::issuer);
    }

    /** Whether API tokens are accepted. */
    boolean acceptsTokens() {
        return tokens.isPresent();
    }

    /**
     * Tells who sent a request.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param address the client's address
     * @return the caller
     * @throws ApiError 401 if the header is there but is not a bearer token this server accepts; 503 if the
     *     OpenID Connect issuer cannot be reached to check one
     */
    Caller identify(String authorization, InetAddress address) {
        if (authorization == null) {
            return new Caller(address, Optional.empty(), anonymous, anonymousCooks);
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw ApiError.unauthorized("Only bearer tokens are accepted: send 'Authorization: Bearer TOKEN'.");
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN || !B64TOKEN.matcher(token).matches()) {
            throw ApiError.unauthorized("The bearer token is malformed.");
        }
        if (oidc.isPresent() && OidcVerifier.looksLikeJwt(token)) {
            OidcVerifier.Subject user = oidc.get().verify(token);
            return new Caller("oidc:" + user.subject(), Optional.of(user.name()), oidcLimiter, oidcCookLimiter);
        }
        if (tokens.isEmpty()) {
            throw ApiError.unauthorized(oidc.isPresent()
                    ? "The bearer token is not a JWT of the OpenID Connect issuer " + oidc.get().issuer() + "."
                    : "This server accepts no API tokens.");
        }
        ApiTokens.Token entry = tokens.get().find(token)
                .orElseThrow(() -> ApiError.unauthorized("The bearer token is not a valid API token."));
        return tokenCallers.computeIfAbsent(entry.sha256(), hash -> new Caller(hash, Optional.of(entry.name()),
                entry.rateLimit().map(l -> new RateLimiter(l, nanoTime)),
                entry.cookRateLimit().map(l -> new RateLimiter(l, nanoTime))));
    }
}
