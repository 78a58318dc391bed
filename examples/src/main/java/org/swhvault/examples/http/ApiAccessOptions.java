package org.swhvault.examples.http;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.swhvault.examples.cli.OptionTypes;
import org.swhvault.http.ApiTokens;
import org.swhvault.http.RateLimit;
import org.swhvault.http.VaultHttpServer;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code vault serve} that give some clients higher rate limits: API tokens from a file of
 * their hashes ({@code --tokens}), and JWTs of an OpenID Connect issuer ({@code --oidc-issuer}).
 */
public final class ApiAccessOptions {
    @Option(names = "--tokens", paramLabel = "FILE",
            description = "Accept the API tokens of FILE (made with vault token new): one TOKEN_SHA256 NAME "
                    + "RATE_LIMIT COOK_RATE_LIMIT a line, limits such as 600/min or none. A request with "
                    + "'Authorization: Bearer TOKEN' gets its token's limits, counted per token; an unknown token "
                    + "is answered 401. Read at start.")
    Path tokens;

    @Option(names = "--oidc-issuer", paramLabel = "URL", converter = OptionTypes.HttpUrl.class,
            description = "Also accept bearer tokens that are JWTs signed by this OpenID Connect issuer, such as "
                    + "https://auth.softwareheritage.org/auth/realms/SoftwareHeritage (its keys are read from its "
                    + "discovery document); counted per user.")
    URI oidcIssuer;

    @Option(names = "--oidc-rate-limit", paramLabel = "N/PERIOD|none",
            description = "Requests allowed per user of --oidc-issuer (default: those of --rate-limit).")
    String oidcRateLimit;

    @Option(names = "--oidc-cook-rate-limit", paramLabel = "N/PERIOD|none",
            description = "Cooking requests allowed per user of --oidc-issuer (default: those of --cook-rate-limit).")
    String oidcCookRateLimit;

    /**
     * Gives the server the tokens and the issuer asked for.
     *
     * @param server the server being built
     * @param rateLimit the anonymous limit ({@code --rate-limit}), or null
     * @param cookRateLimit the anonymous cooking limit ({@code --cook-rate-limit}), or null
     * @param commandLine the command, for usage errors
     * @throws CommandLine.ParameterException if an option's value is wrong or the tokens file is malformed
     * @throws IOException if the tokens file cannot be read
     */
    public void apply(VaultHttpServer.Builder server, RateLimit rateLimit, RateLimit cookRateLimit,
            CommandLine commandLine) throws IOException {
        if (tokens != null) {
            try {
                server.tokens(ApiTokens.load(tokens));
            } catch (NoSuchFileException e) {
                throw new CommandLine.ParameterException(commandLine, "--tokens: no such file: " + tokens);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--tokens: " + e.getMessage());
            }
        }
        if (oidcIssuer == null) {
            if (oidcRateLimit != null || oidcCookRateLimit != null) {
                throw new CommandLine.ParameterException(commandLine,
                        "--oidc-rate-limit and --oidc-cook-rate-limit need --oidc-issuer");
            }
            return;
        }
        server.oidcIssuer(oidcIssuer, limit("--oidc-rate-limit", oidcRateLimit, rateLimit, commandLine),
                limit("--oidc-cook-rate-limit", oidcCookRateLimit, cookRateLimit, commandLine));
    }

    private static Optional<RateLimit> limit(String option, String text, RateLimit otherwise,
            CommandLine commandLine) {
        if (text == null) {
            return Optional.ofNullable(otherwise);
        }
        try {
            return ApiTokens.parseLimit(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, option + ": " + e.getMessage());
        }
    }
}
