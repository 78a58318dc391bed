package org.swhvault.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The API tokens a server accepts, each with its own rate limits: a client that sends
 * {@code Authorization: Bearer TOKEN} is limited by its token's limits, counted per token rather than per
 * address. Only the SHA-256 of each token is kept, on disk as in memory. The file has one token a line,
 * {@code TOKEN_SHA256 NAME RATE_LIMIT COOK_RATE_LIMIT}, such as
 * <pre>
 * # name: who holds the token, for the access log; limits: N/s, N/min, N/h, N/d, or none
 * 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 guix 600/min 1200/h
 * </pre>
 * {@link #issue} makes a new token and its line. Immutable and thread-safe.
 */
public final class ApiTokens {
    /** What {@link #issue} prefixes tokens with, so that secret scanners and people recognise them. */
    public static final String PREFIX = "swhvault_";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Token> byHash;

    /**
     * One accepted token.
     *
     * @param sha256 the lower-case hex SHA-256 of the token's UTF-8 bytes
     * @param name who holds it, as the access log names them: a letter or digit, then up to 63 letters, digits,
     *     {@code .}, {@code _}, {@code @}, {@code +} or {@code -}
     * @param rateLimit the requests it may make, or empty for no limit
     * @param cookRateLimit the cooking requests (POST) it may make on top of that, or empty for no limit
     */
    public record Token(String sha256, String name, Optional<RateLimit> rateLimit, Optional<RateLimit> cookRateLimit) {
        /** Validates the components. */
        public Token {
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(name, "name is null");
            requireNonNull(rateLimit, "rateLimit is null");
            requireNonNull(cookRateLimit, "cookRateLimit is null");
            if (!HASH.matcher(sha256).matches()) {
                throw new IllegalArgumentException("a token's hash is 64 lower-case hex digits (its SHA-256), got '"
                        + sha256 + "'");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a token's name is a letter or digit followed by up to 63 letters,"
                        + " digits, '.', '_', '@', '+' or '-', got '" + name + "'");
            }
        }

        /** Returns the token's line in a tokens file. */
        public String line() {
            return sha256 + " " + name + " " + limitText(rateLimit) + " " + limitText(cookRateLimit);
        }
    }

    /**
     * A token just made, and the line that makes a server accept it.
     *
     * @param token the secret to give its holder; it is not stored anywhere
     * @param entry its entry, whose {@link Token#line()} goes into the tokens file
     */
    public record Issued(String token, Token entry) {
        /** Validates the components. */
        public Issued {
            requireNonNull(token, "token is null");
            requireNonNull(entry, "entry is null");
        }
    }

    private ApiTokens(Map<String, Token> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /**
     * Returns the tokens given.
     *
     * @param tokens the tokens
     * @return them
     * @throws IllegalArgumentException if two have the same hash
     */
    public static ApiTokens of(List<Token> tokens) {
        Map<String, Token> byHash = new HashMap<>();
        for (Token token : tokens) {
            if (byHash.putIfAbsent(token.sha256(), token) != null) {
                throw new IllegalArgumentException("the token of " + token.name() + " is listed twice");
            }
        }
        return new ApiTokens(byHash);
    }

    /**
     * Reads a tokens file: one {@code TOKEN_SHA256 NAME RATE_LIMIT COOK_RATE_LIMIT} a line, fields separated by
     * spaces or tabs; blank lines and lines starting with {@code #} are skipped.
     *
     * @param file the file
     * @return its tokens
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and the line if a line is not of that form
     */
    public static ApiTokens load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                tokens.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        try {
            return of(tokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses one line of a tokens file.
     *
     * @param line {@code TOKEN_SHA256 NAME RATE_LIMIT COOK_RATE_LIMIT}
     * @return the token
     * @throws IllegalArgumentException if the line is not of that form
     */
    public static Token parseLine(String line) {
        String[] fields = line.strip().split("[ \t]+");
        if (fields.length != 4) {
            throw new IllegalArgumentException("expected TOKEN_SHA256 NAME RATE_LIMIT COOK_RATE_LIMIT, got "
                    + fields.length + (fields.length == 1 ? " field" : " fields"));
        }
        return new Token(fields[0].toLowerCase(Locale.ROOT), fields[1], parseLimit(fields[2]), parseLimit(fields[3]));
    }

    /**
     * Makes a new token: {@value #PREFIX} and 256 random bits in unpadded base64url.
     *
     * @param name who will hold it
     * @param rateLimit its requests, or empty for no limit
     * @param cookRateLimit its cooking requests, or empty for no limit
     * @return the token and its entry
     * @throws IllegalArgumentException if the name is not a valid one
     */
    public static Issued issue(String name, Optional<RateLimit> rateLimit, Optional<RateLimit> cookRateLimit) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(token, new Token(sha256(token), name, rateLimit, cookRateLimit));
    }

    /**
     * Returns the hex SHA-256 of a token's UTF-8 bytes, as the tokens file holds it.
     *
     * @param token the token
     * @return 64 lower-case hex digits
     */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Returns the entry of a token a client sent.
     *
     * @param token the token, as sent after {@code Bearer}
     * @return its entry, or empty if it is not one of these
     */
    public Optional<Token> find(String token) {
        return Optional.ofNullable(byHash.get(sha256(token)));
    }

    /** Returns the tokens. */
    public List<Token> tokens() {
        return List.copyOf(byHash.values());
    }

    /**
     * Parses a limit of a tokens file: {@code N/PERIOD} as {@link RateLimit#parse}, or {@code none}.
     *
     * @param text the text
     * @return the limit, or empty for none
     * @throws IllegalArgumentException if the text is neither
     */
    public static Optional<RateLimit> parseLimit(String text) {
        if (text.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RateLimit.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RateLimit.expectedGot(" or none", text), e);
        }
    }

    private static String limitText(Optional<RateLimit> limit) {
        return limit.map(RateLimit::toString).orElse("none");
    }

    @Override
    public String toString() {
        return "ApiTokens[" + byHash.size() + " tokens]";
    }
}
