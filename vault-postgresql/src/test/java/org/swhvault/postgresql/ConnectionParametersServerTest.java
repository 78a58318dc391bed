package org.swhvault.postgresql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.swhvault.testing.postgres.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parameters reach a real server (without TLS), and asking it for TLS fails with a sentence naming sslmode. */
class ConnectionParametersServerTest {
    private static TestPostgres postgres;
    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        postgres.createDatabase("vault", "pw");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private PostgresLocation at(String query) {
        return PostgresLocation.parse("postgresql://vault:pw@127.0.0.1:" + postgres.port() + "/vault" + query,
                Map.of(), home);
    }

    static String query(Connection c, String sql) throws SQLException {
        try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theServerSeesTheApplicationNameAndOptionsGivenInTheUriOverTheCallersDefault() throws Exception {
        PostgresLocation l = at("?sslmode=disable&application_name=x&connect_timeout=3"
                + "&options=-c%20search_path%3Dmirror&target_session_attrs=read-write&keepalives=1");
        Map<String, String> defaults = Map.of("ApplicationName", "swhvault", "connectTimeout", "10");
        assertThat(query(l.connect(new Driver(), defaults), "SELECT current_setting('application_name')"))
                .isEqualTo("x");
        assertThat(query(l.dataSource(new Driver(), defaults).getConnection(),
                "SELECT current_setting('application_name') || ' ' || current_setting('search_path')"))
                .isEqualTo("x mirror");
        assertThat(query(l.connect(new Driver(), defaults), "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                .isEqualTo("f");
        assertThat(query(at("").connect(new Driver(), defaults), "SELECT current_setting('application_name')"))
                .as("without the parameter, the caller's default").isEqualTo("swhvault");
    }

    @Test
    void sslmodeRequireAgainstAServerWithoutTlsIsOneSentenceNamingTheSetting() {
        PostgresLocation l = at("?sslmode=require");
        assertThatThrownBy(() -> l.connect(new Driver(), Map.of())).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(l.explain(e)).isEqualTo("PostgreSQL at 127.0.0.1:" + postgres.port() + " does not"
                        + " accept TLS connections, which sslmode=require requires; set ssl = on in the server's"
                        + " postgresql.conf, or sslmode=prefer (or disable) in the URI."));
    }
}
