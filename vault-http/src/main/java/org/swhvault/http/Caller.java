package org.swhvault.http;

import java.util.Optional;

/**
 * Who sent a request, as the rate limits count it: an address, an API token or a user of the OpenID Connect
 * issuer, with the limiters that apply to it.
 *
 * @param key what the limiters count by: the client's address, the token's hash or the user's subject
 * @param name the token's or the user's name, for the access log and the server's description; empty for an
 *     address
 * @param limiter the limiter of every request, if any
 * @param cookLimiter the limiter of cooking requests, if any
 */
record Caller(Object key, Optional<String> name, Optional<RateLimiter> limiter, Optional<RateLimiter> cookLimiter) {
}
