package org.swhvault.postgresql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.swhvault.postgresql.ConnectionParametersServerTest.query;

/**
 * A server of its own with TLS on, its certificate made by the {@code openssl} binary for 127.0.0.1: the
 * connection is encrypted as sslmode asks, verified against the right root certificate, and each verification
 * failure is one sentence naming the parameter to change.
 */
class TlsConnectionTest {
    @TempDir
    static Path certs;
    private static TestPostgres postgres;
    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        assumeThat(openssl(List.of("version"))).as("the openssl binary makes the test certificates; install it")
                .isTrue();
        assertThat(openssl(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", "server.key", "-out", "server.crt", "-days", "2", "-subj", "/CN=swhvault-test",
                "-addext", "subjectAltName=IP:127.0.0.1"))).isTrue();
        assertThat(openssl(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", "other.key", "-out", "other.crt", "-days", "2", "-subj", "/CN=other-ca"))).isTrue();
        postgres = TestPostgres.start();
        postgres.createDatabase("vault", "pw");
        // the server reads its certificate and key in its data directory, the key private to its user
        Path data = Path.of(postgres.psql("SHOW data_directory"));
        for (String file : List.of("server.crt", "server.key")) {
            Path target = Files.copy(certs.resolve(file), data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            Files.setOwner(target, Files.getOwner(data));
        }
        postgres.psql("ALTER SYSTEM SET ssl = on");
        postgres.psql("SELECT pg_reload_conf()");
        for (int i = 0; i < 200 && !postgres.psql("SHOW ssl").equals("on"); i++) {
            Thread.sleep(25);
        }
        assertThat(postgres.psql("SHOW ssl")).as("the server turned TLS on").isEqualTo("on");
    }

    private static boolean openssl(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(arguments);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        assertThat(ok || arguments.equals(List.of("version"))).as(out).isTrue();
        return ok;
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private PostgresLocation at(String host, String query) {
        return PostgresLocation.parse("postgresql://vault:pw@" + host + ":" + postgres.port() + "/vault" + query,
                Map.of(), home);
    }

    private static final String ENCRYPTED = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

    @Test
    void sslmodeRequireEncryptsWithoutVerifying() throws Exception {
        assertThat(query(at("127.0.0.1", "?sslmode=require").connect(new Driver(), Map.of()), ENCRYPTED))
                .isEqualTo("t");
        assertThat(query(at("127.0.0.1", "?sslmode=disable").connect(new Driver(), Map.of()), ENCRYPTED))
                .isEqualTo("f");
    }

    @Test
    void verifyFullWithTheServersCertificateAuthorityConnects() throws Exception {
        PostgresLocation l = at("127.0.0.1", "?sslmode=verify-full&sslrootcert=" + certs.resolve("server.crt"));
        assertThat(query(l.dataSource(new Driver(), Map.of()).getConnection(), ENCRYPTED)).isEqualTo("t");
    }

    @Test
    void aCertificateTheRootCertificateDoesNotVouchForIsOneSentenceNamingSslrootcert() {
        Path other = certs.resolve("other.crt");
        refused(at("127.0.0.1", "?sslmode=verify-full&sslrootcert=" + other), "PostgreSQL at 127.0.0.1:"
                + postgres.port() + " presented a certificate that the root certificate file " + other
                + " (sslrootcert) does not vouch for, and sslmode=verify-full verifies it; set sslrootcert to the file"
                + " of the certificate authority that signed the server's certificate, or set sslmode=require to"
                + " encrypt without verifying the server.");
    }

    @Test
    void aMissingRootCertificateFileIsOneSentenceNamingSslrootcert() {
        Path missing = certs.resolve("missing.crt");
        refused(at("127.0.0.1", "?sslmode=verify-ca&sslrootcert=" + missing), "Cannot read the root certificate file "
                + missing + " (sslrootcert), with which sslmode=verify-ca verifies the server; set sslrootcert to the"
                + " file of the certificate authority that signed the server's certificate, or set sslmode=require"
                + " to encrypt without verifying the server.");
    }

    @Test
    void aCertificateForAnotherHostIsOneSentenceNamingVerifyFull() {
        // the certificate names 127.0.0.1 only; localhost is the same server under a name it does not list
        refused(at("localhost", "?sslmode=verify-full&sslrootcert=" + certs.resolve("server.crt")), "PostgreSQL at"
                + " localhost:" + postgres.port() + " presented a certificate that does not name the host 'localhost',"
                + " which sslmode=verify-full checks; connect with a host name the certificate names, or set"
                + " sslmode=verify-ca.");
    }

    private static void refused(PostgresLocation l, String sentence) {
        assertThatThrownBy(() -> l.connect(new Driver(), Map.of())).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(l.explain(e)).isEqualTo(sentence));
    }
}
