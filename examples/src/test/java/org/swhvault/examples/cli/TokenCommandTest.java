package org.swhvault.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.http.ApiTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vault token new}: a token printed once, and the line of its hash for vault serve --tokens. */
class TokenCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsATokenAndTheLineOfItsHashAsSha256sumComputesIt() throws Exception {
        Cli.Result r = Cli.run("token", "new", "guix");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        String token = lines.get(0);
        assertThat(token).matches("swhvault_[A-Za-z0-9_-]{43}");
        Process sha = new ProcessBuilder("sha256sum").start();
        sha.getOutputStream().write(token.getBytes(StandardCharsets.UTF_8));
        sha.getOutputStream().close();
        String hash = new String(sha.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ")[0];
        assertThat(sha.waitFor()).isZero();
        assertThat(lines.get(1)).isEqualTo(hash + " guix 600/min 1200/h");
        assertThat(r.err()).contains("shown only now").doesNotContain(token);
        assertThat(Cli.run("token", "new", "guix").out()).doesNotContain(token);
    }

    @Test
    void appendsTheLineToTheTokensFileWhichOnlyItsOwnerReads() throws Exception {
        Path file = tmp.resolve("tokens");
        Cli.Result first = Cli.run("token", "new", "guix", "--tokens", file.toString());
        Cli.Result second = Cli.run("token", "new", "opam", "--rate-limit", "none", "--cook-rate-limit", "10/h",
                "--tokens", file.toString());
        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllLines(file)).containsExactly(first.out().lines().toList().get(1),
                second.out().lines().toList().get(1));
        ApiTokens tokens = ApiTokens.load(file);
        ApiTokens.Token opam = tokens.find(second.out().lines().findFirst().orElseThrow()).orElseThrow();
        assertThat(opam.name()).isEqualTo("opam");
        assertThat(opam.rateLimit()).isEmpty();
        assertThat(Files.readString(file)).doesNotContain(first.out().lines().findFirst().orElseThrow());
    }

    @Test
    void aBadNameOrLimitIsAUsageError() {
        Cli.Result name = Cli.run("token", "new", "two words");
        assertThat(name.exitCode()).isEqualTo(2);
        assertThat(name.err()).contains("a token's name is a letter or digit");
        assertThat(name.out()).isEmpty();
        Cli.Result limit = Cli.run("token", "new", "guix", "--rate-limit", "lots");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--rate-limit: expected a rate limit such as 60/min", "or none");
        assertThat(Cli.run("token").exitCode()).isEqualTo(2);
    }
}
