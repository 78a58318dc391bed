package org.swhvault.postgresql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection URIs and passwords, found as libpq finds them. */
class PostgresLocationTest {
    @TempDir
    Path home;

    @Test
    void aUriGivesHostPortDatabaseUserAndPassword() {
        PostgresLocation l = PostgresLocation.parse("postgresql://vault:s%40cret@db.example.org:6543/swh_vault",
                Map.of(), home);
        assertThat(l).isEqualTo(new PostgresLocation("db.example.org", 6543, "swh_vault", "vault",
                Optional.of("s@cret")));
        assertThat(l.toString()).as("never the password").isEqualTo("postgresql://vault@db.example.org:6543/swh_vault");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6543/swh_vault");
        assertThat(PostgresLocation.parse("postgres://u@[::1]/d", Map.of(), home))
                .isEqualTo(new PostgresLocation("::1", 5432, "d", "u", Optional.empty()));
    }

    @Test
    void thePasswordFileIsInHomeBeforeTheJvmsUserHomeWhichAContainersUserWithoutAPasswdEntryHasAsAQuestionMark()
            throws Exception {
        assertThat(PostgresLocation.home(Map.of("HOME", home.toString()), "?")).isEqualTo(home);
        assertThat(PostgresLocation.home(Map.of(), "/home/vault")).isEqualTo(Path.of("/home/vault"));
        assertThat(PostgresLocation.home(Map.of("HOME", ""), "/home/vault")).isEqualTo(Path.of("/home/vault"));
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:*:*:from-home\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("HOME", home.toString());
        assertThat(PostgresLocation.parse("postgresql://x@h/y", env, PostgresLocation.home(env, "?")).password())
                .contains("from-home");
    }

    @Test
    void thePasswordComesFromTheUriElsePgpasswordElseThePasswordFile() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# comment\nother:5432:*:vault:nope\nlocalhost:5432:vault:vault:from\\:file\n"
                + "*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertThat(PostgresLocation.parse("postgresql://vault:inline@127.0.0.1/vault", Map.of("PGPASSWORD", "env"),
                home).password()).contains("inline");
        assertThat(PostgresLocation.parse("postgresql://vault@127.0.0.1/vault", Map.of("PGPASSWORD", "env"), home)
                .password()).contains("env");
        assertThat(PostgresLocation.parse("postgresql://vault@127.0.0.1/vault", Map.of(), home).password())
                .as("localhost in .pgpass matches the loopback address").contains("from:file");
        assertThat(PostgresLocation.parse("postgresql://x@elsewhere:7/y", Map.of(), home).password())
                .contains("fallback");
        Path other = home.resolve("pgpass-elsewhere");
        Files.writeString(other, "*:*:*:*:from-pgpassfile\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        assertThat(PostgresLocation.parse("postgresql://x@h/y", Map.of("PGPASSFILE", other.toString()), home)
                .password()).contains("from-pgpassfile");
    }

    @Test
    void aPasswordFileOthersCanReadIsIgnoredAsLibpqDoes() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:*:*:exposed\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PostgresLocation.parse("postgresql://x@h/y", Map.of(), home).password()).isEmpty();
    }

    @Test
    void badUrisAreRefusedWithoutShowingThePassword() {
        for (String[] c : new String[][] {
            {"mysql://u@h/d", "it does not start with postgresql://"},
            {"postgresql://u:hunter2@h", "the database is missing"},
            {"postgresql://u:hunter2@h:99999/d", "the port must be a number from 1 to 65535, got '99999'"},
            {"postgresql://u:hunter2@/d", "the host is missing"},
            {"postgresql://u:hunter2@h/d?sslmode=bogus", "In 'postgresql://u:***@h/d?sslmode=bogus', sslmode must be"
                    + " one of disable, allow, prefer, require, verify-ca, verify-full, got 'bogus'."}}) {
            assertThatThrownBy(() -> PostgresLocation.parse(c[0], Map.of(), home))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining(c[1]).hasMessageNotContaining("hunter2");
        }
    }
}
