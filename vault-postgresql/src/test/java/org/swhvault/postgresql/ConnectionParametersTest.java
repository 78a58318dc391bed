package org.swhvault.postgresql;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** libpq's URI query parameters and environment variables, read at parse time and given to the JDBC driver. */
class ConnectionParametersTest {
    @TempDir
    Path home;

    private PostgresLocation parse(String uri, Map<String, String> env) {
        return PostgresLocation.parse(uri, env, home);
    }

    private Properties jdbc(String uri) {
        return parse(uri, Map.of()).jdbcProperties(Map.of());
    }

    private void refused(String uri, Map<String, String> env, String sentence) {
        assertThatThrownBy(() -> parse(uri, env)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT)).hasMessage(sentence);
    }

    @Test
    void everyParameterIsPercentDecodedKeptInOrderAndBecomesItsDriverProperty() {
        PostgresLocation l = parse("postgresql://vault:pw@db.example:5432/swh?sslmode=verify-full"
                + "&sslrootcert=/etc/ssl/pg%20ca.pem&sslcert=/c.crt&sslkey=/c.pk8&ssl%70assword=k%26ey"
                + "&connect_timeout=5&application_name=mirror-vault&options=-c%20search_path%3Dvault"
                + "&target_session_attrs=read-write&keepalives=0", Map.of());
        assertThat(l.parameters()).containsExactly(entry("sslmode", "verify-full"),
                entry("sslrootcert", "/etc/ssl/pg ca.pem"), entry("sslcert", "/c.crt"), entry("sslkey", "/c.pk8"),
                entry("sslpassword", "k&ey"), entry("connect_timeout", "5"), entry("application_name", "mirror-vault"),
                entry("options", "-c search_path=vault"), entry("target_session_attrs", "read-write"),
                entry("keepalives", "0"));
        assertThat(l.host()).isEqualTo("db.example");
        assertThat(l.database()).isEqualTo("swh");
        Properties p = l.jdbcProperties(Map.of());
        assertThat(p).containsOnly(entry("user", "vault"), entry("password", "pw"), entry("sslmode", "verify-full"),
                entry("sslrootcert", "/etc/ssl/pg ca.pem"), entry("sslcert", "/c.crt"), entry("sslkey", "/c.pk8"),
                entry("sslpassword", "k&ey"), entry("connectTimeout", "5"), entry("ApplicationName", "mirror-vault"),
                entry("options", "-c search_path=vault"), entry("targetServerType", "primary"),
                entry("tcpKeepAlive", "false"));
        assertThatThrownBy(() -> l.parameters().put("sslmode", "disable"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everySslmodeIsAccepted() {
        for (String mode : List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")) {
            assertThat(jdbc("postgresql://u@h/d?sslmode=" + mode)).contains(entry("sslmode", mode));
        }
    }

    @Test
    void targetSessionAttrsBecomeTheDriversTargetServerTypes() {
        Map<String, String> expected = Map.of("any", "any", "read-write", "primary", "read-only", "secondary",
                "primary", "primary", "standby", "secondary", "prefer-standby", "preferSecondary");
        expected.forEach((libpq, jdbc) -> assertThat(jdbc("postgresql://u@h/d?target_session_attrs=" + libpq))
                .contains(entry("targetServerType", jdbc)));
    }

    @Test
    void timeoutsAndKeepalivesAreNumbersAsInLibpq() {
        assertThat(jdbc("postgresql://u@h/d?connect_timeout=-1")).as("libpq waits forever, as the driver does for 0")
                .contains(entry("connectTimeout", "0"));
        assertThat(jdbc("postgresql://u@h/d?keepalives=1")).contains(entry("tcpKeepAlive", "true"));
        assertThat(jdbc("postgresql://u@h/d?keepalives=0")).contains(entry("tcpKeepAlive", "false"));
    }

    @Test
    void theLastOfARepeatedParameterWinsAndAnEmptyPairIsSkipped() {
        assertThat(parse("postgresql://u@h/d?sslmode=disable&&sslmode=require&", Map.of()).parameters())
                .containsExactly(entry("sslmode", "require"));
        assertThat(parse("postgresql://u@h/d?", Map.of()).parameters()).isEmpty();
    }

    @Test
    void aParameterTheUserGivesWinsOverTheCallersDefaults() {
        Map<String, String> defaults = Map.of("ApplicationName", "swhvault", "connectTimeout", "10");
        assertThat(parse("postgresql://u@h/d?application_name=mine&connect_timeout=3", Map.of())
                .jdbcProperties(defaults)).contains(entry("ApplicationName", "mine"), entry("connectTimeout", "3"));
        assertThat(parse("postgresql://u@h/d", Map.of()).jdbcProperties(defaults))
                .containsOnly(entry("user", "u"), entry("ApplicationName", "swhvault"), entry("connectTimeout", "10"));
    }

    @Test
    void theEnvironmentGivesWhatTheUriDoesNotSay() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGSSLMODE", "verify-ca");
        env.put("PGSSLROOTCERT", "/etc/ssl/ca.pem");
        env.put("PGCONNECT_TIMEOUT", "7");
        env.put("PGAPPNAME", "from-env");
        assertThat(parse("postgresql://u@h/d", env).jdbcProperties(Map.of("ApplicationName", "swhvault")))
                .contains(entry("sslmode", "verify-ca"), entry("sslrootcert", "/etc/ssl/ca.pem"),
                        entry("connectTimeout", "7"), entry("ApplicationName", "from-env"));
        assertThat(parse("postgresql://u@h/d?sslmode=disable&application_name=uri", env).parameters())
                .as("the URI wins").containsExactly(entry("sslmode", "disable"), entry("application_name", "uri"),
                        entry("sslrootcert", "/etc/ssl/ca.pem"), entry("connect_timeout", "7"));
        assertThat(parse("postgresql://u@h/d", Map.of("PGSSLMODE", "")).parameters()).isEmpty();
        refused("postgresql://u@h/d", Map.of("PGSSLMODE", "bogus"), "The environment variable PGSSLMODE is refused:"
                + " sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, got 'bogus'.");
        refused("postgresql://u@h/d", Map.of("PGCONNECT_TIMEOUT", "soon"), "The environment variable"
                + " PGCONNECT_TIMEOUT is refused: connect_timeout must be a whole number of seconds (0 waits forever),"
                + " got 'soon'.");
        assertThat(parse("postgresql://u@h/d?connect_timeout=1", Map.of("PGCONNECT_TIMEOUT", "soon")).parameters())
                .as("a variable the URI overrides is not read").containsExactly(entry("connect_timeout", "1"));
    }

    @Test
    void anUnknownOrMalformedParameterIsOneSentenceNamingItAndWhatIsAccepted() {
        refused("postgresql://u@h/d?foo=1", Map.of(), "In 'postgresql://u@h/d?foo=1', the parameter 'foo' is not"
                + " supported (give sslmode, sslcert, sslkey, sslrootcert, sslpassword, connect_timeout,"
                + " application_name, options, target_session_attrs or keepalives).");
        refused("postgresql://u@h/d?connect_timeout=x", Map.of(), "In 'postgresql://u@h/d?connect_timeout=x',"
                + " connect_timeout must be a whole number of seconds (0 waits forever), got 'x'.");
        refused("postgresql://u@h/d?keepalives=yes", Map.of(), "In 'postgresql://u@h/d?keepalives=yes', keepalives"
                + " must be a whole number (0 turns TCP keepalives off), got 'yes'.");
        refused("postgresql://u@h/d?target_session_attrs=master", Map.of(), "In"
                + " 'postgresql://u@h/d?target_session_attrs=master', target_session_attrs must be one of any,"
                + " read-write, read-only, primary, standby, prefer-standby, got 'master'.");
        refused("postgresql://u@h/d?sslrootcert=", Map.of(), "In 'postgresql://u@h/d?sslrootcert=', sslrootcert"
                + " must be a file name, got nothing.");
        refused("postgresql://u@h/d?sslmode", Map.of(), "'postgresql://u@h/d?sslmode' is not a PostgreSQL connection"
                + " URI: 'sslmode' is not PARAMETER=VALUE (a '=' in a value is written %3D). Give"
                + " postgresql://USER@HOST:PORT/DATABASE (the password in PGPASSWORD or ~/.pgpass).");
        refused("postgresql://u@h/d?options=-c a=b", Map.of(), "'postgresql://u@h/d?options=-c a=b' is not a"
                + " PostgreSQL connection URI: 'options' is not PARAMETER=VALUE (a '=' in a value is written %3D)."
                + " Give postgresql://USER@HOST:PORT/DATABASE (the password in PGPASSWORD or ~/.pgpass).");
        assertThatThrownBy(() -> parse("postgresql://u@h/d?application_name=%zz", Map.of()))
                .hasMessageContaining("a '%' must be followed by two hex digits");
        assertThatThrownBy(() -> parse("postgresql://u@h?sslmode=require", Map.of()))
                .hasMessageContaining("the database is missing");
        assertThatThrownBy(() -> new PostgresLocation("h", 5432, "d", "u", Optional.empty(), Map.of("foo", "1")))
                .isInstanceOf(VaultException.class).hasMessage("In the parameters of postgresql://u@h:5432/d, the"
                        + " parameter 'foo' is not supported (give sslmode, sslcert, sslkey, sslrootcert, sslpassword,"
                        + " connect_timeout, application_name, options, target_session_attrs or keepalives).");
    }

    @Test
    void neitherPasswordIsShownInToStringMessagesOrRedactedUris() {
        PostgresLocation l = parse("postgresql://u:hunter2@h/d?sslmode=require&sslpassword=swordfish"
                + "&application_name=a%26b%20c", Map.of());
        assertThat(l.toString()).isEqualTo("postgresql://u@h:5432/d?sslmode=require&application_name=a%26b%20c");
        assertThat(parse(l.toString(), Map.of()).parameters()).as("toString reads back")
                .containsExactly(entry("sslmode", "require"), entry("application_name", "a&b c"));
        assertThat(PostgresLocation.redact("postgresql://u:hunter2@h/d?sslmode=require&sslpassword=swordfish&x"))
                .isEqualTo("postgresql://u:***@h/d?sslmode=require&sslpassword=***&x");
        assertThat(PostgresLocation.redact("postgresql://u@h/d?ssl%70assword=swordfish"))
                .isEqualTo("postgresql://u@h/d?ssl%70assword=***");
        assertThatThrownBy(() -> parse("postgresql://u:hunter2@h/d?sslpassword=swordfish&sslmode=bogus", Map.of()))
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("swordfish");
        assertThat(l.withPassword(Optional.of("other")).parameters()).isEqualTo(l.parameters());
        assertThat(new PostgresLocation("h", 5432, "d", "u", Optional.empty()).parameters()).isEmpty();
    }
}
