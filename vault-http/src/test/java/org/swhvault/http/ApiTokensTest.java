package org.swhvault.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tokens file: hashes only, one token a line, each with its limits; a bad line named by its number. */
class ApiTokensTest {
    @TempDir
    Path dir;

    @Test
    void anIssuedTokenIsFoundByItselfThroughTheLineItsHashMakes() throws Exception {
        ApiTokens.Issued issued = ApiTokens.issue("guix", Optional.of(RateLimit.parse("600/min")), Optional.empty());
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# tokens of the vault\n\n" + issued.entry().line() + "\n");

        ApiTokens tokens = ApiTokens.load(file);
        assertThat(issued.token()).startsWith(ApiTokens.PREFIX).hasSize(ApiTokens.PREFIX.length() + 43);
        assertThat(issued.entry().line()).doesNotContain(issued.token())
                .isEqualTo(ApiTokens.sha256(issued.token()) + " guix 600/min none");
        assertThat(tokens.find(issued.token())).contains(issued.entry());
        assertThat(tokens.find(issued.token() + "x")).isEmpty();
        assertThat(ApiTokens.issue("guix", Optional.empty(), Optional.empty()).token()).isNotEqualTo(issued.token());
    }

    @Test
    void theHashIsTheSha256OfTheTokensBytesAsSha256sumPrintsIt() throws Exception {
        // printf %s abc | sha256sum
        assertThat(ApiTokens.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Path file = dir.resolve("tokens");
        Files.writeString(file, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\tci-bot  10/s\t100/h\n");
        ApiTokens.Token token = ApiTokens.load(file).find("abc").orElseThrow();
        assertThat(token.name()).isEqualTo("ci-bot");
        assertThat(token.rateLimit()).contains(RateLimit.parse("10/s"));
        assertThat(token.cookRateLimit()).contains(RateLimit.parse("100/h"));
    }

    @Test
    void aBadLineIsRefusedWithTheFileAndTheLineNumber() throws Exception {
        Path file = dir.resolve("tokens");
        String hash = ApiTokens.sha256("t");
        for (String[] bad : new String[][] {
            {hash + " name 10/min", "expected TOKEN_SHA256 NAME RATE_LIMIT COOK_RATE_LIMIT, got 3 fields"},
            {"swhvault_abc name 10/min none", "a token's hash is 64 lower-case hex digits"},
            {hash + " -name 10/min none", "a token's name is a letter or digit"},
            {hash + " name 10/week none", "expected a rate limit such as 60/min"},
            {hash + " a none none\n" + hash + " b none none", "the token of b is listed twice"}}) {
            Files.writeString(file, "# comment\n" + bad[0] + "\n");
            assertThatThrownBy(() -> ApiTokens.load(file)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(file.toString() + ":").hasMessageContaining(bad[1]);
        }
        Files.writeString(file, hash + " name 10/week none\n");
        assertThatThrownBy(() -> ApiTokens.load(file)).hasMessageStartingWith(file + ":1: ");
    }

    @Test
    void aBadLimitSaysThatNoneIsAllowedBeforeSayingWhatItGot() {
        assertThatThrownBy(() -> ApiTokens.parseLimit("5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a rate limit such as 60/min (N/s, N/min, N/h or N/d) or none, got '5'");
    }
}
