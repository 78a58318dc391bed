package org.swhvault.postgresql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.net.ssl.SSLException;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * Where a PostgreSQL database is, who connects to it and how, read from a libpq connection URI
 * ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAMETER=VALUE&…]}, {@code postgres://} too), with
 * the password found as libpq finds it: in the URI, else in {@code PGPASSWORD}, else in the password file
 * ({@code PGPASSFILE}, else {@code ~/.pgpass}; lines {@code host:port:database:user:password} where a field
 * may be {@code *}, matched on the host, port, database and user only).
 *
 * <p>The query parameters are libpq's, percent-decoded, and become the PostgreSQL JDBC driver's properties
 * ({@link #jdbcProperties(Map)}):
 * <ul>
 *   <li>{@code sslmode}: {@code disable}, {@code allow}, {@code prefer} (the default, as in libpq),
 *   {@code require} (encrypted, the server not verified), {@code verify-ca} (its certificate signed by the
 *   root certificate), {@code verify-full} (and naming the host);</li>
 *   <li>{@code sslrootcert}, {@code sslcert}, {@code sslkey}: the files of the root certificate (by default
 *   {@code ~/.postgresql/root.crt}), of the client's certificate and of its key (PEM or PKCS-8 DER, or PKCS-12
 *   {@code .p12}; the driver's default is {@code ~/.postgresql/postgresql.pk8}), and {@code sslpassword}, the
 *   key's password;</li>
 *   <li>{@code connect_timeout}: seconds to wait for the connection, 0 forever;</li>
 *   <li>{@code application_name}, shown in {@code pg_stat_activity}; {@code options}, such as
 *   {@code -c search_path=vault};</li>
 *   <li>{@code target_session_attrs}: {@code any}, {@code read-write}, {@code read-only}, {@code primary},
 *   {@code standby}, {@code prefer-standby} (the driver tells primaries from standbys by
 *   {@code transaction_read_only}, so {@code read-write} is {@code primary} and {@code read-only} is
 *   {@code standby});</li>
 *   <li>{@code keepalives}: 0 turns TCP keepalives off, another number on.</li>
 * </ul>
 * Where the URI does not say, the environment variables {@code PGSSLMODE}, {@code PGSSLROOTCERT},
 * {@code PGSSLCERT}, {@code PGSSLKEY}, {@code PGCONNECT_TIMEOUT}, {@code PGAPPNAME}, {@code PGOPTIONS} and
 * {@code PGTARGETSESSIONATTRS} do, as for libpq. Another parameter, or a value not listed, is refused when the
 * URI is read, before any connection. Neither the password nor {@code sslpassword} appears in {@link #toString()}.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param database the database's name
 * @param user the role to connect as
 * @param password the role's password, if one was found
 * @param parameters the libpq connection parameters, by name, in the order given (see above)
 */
public record PostgresLocation(String host, int port, String database, String user, Optional<String> password,
        Map<String, String> parameters) {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresLocation.class);
    /** PostgreSQL's default port. */
    public static final int DEFAULT_PORT = 5432;

    /**
     * Validates the components.
     *
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if a parameter is not one listed above, or
     *     its value is refused
     */
    public PostgresLocation {
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(parameters, "parameters is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        ConnectionParameters.check("the parameters of postgresql://" + user + "@" + host + ":" + port + "/" + database,
                parameters);
    }

    /**
     * A location without connection parameters.
     *
     * @param host the server's host name or address
     * @param port the server's port
     * @param database the database's name
     * @param user the role to connect as
     * @param password the role's password, if one was found
     */
    public PostgresLocation(String host, int port, String database, String user, Optional<String> password) {
        this(host, port, database, user, password, Map.of());
    }

    /**
     * Reads a connection URI and finds its password, with the environment and home directory of this process.
     *
     * @param uri {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAMETER=VALUE&…]}
     * @return the location
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the URI is not of that form, or names a
     *     parameter not listed above or gives it a value it does not accept, or an environment variable does
     */
    public static PostgresLocation parse(String uri) {
        Map<String, String> env = System.getenv();
        return parse(uri, env, home(env, System.getProperty("user.home")));
    }

    /**
     * The home directory {@code ~/.pgpass} is in: {@code HOME}, as the shell and {@code psql} see it, before the
     * JVM's {@code user.home}, which is {@code ?} for a user id without a passwd entry (a container's).
     */
    static Path home(Map<String, String> env, String userHome) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : userHome);
    }

    /**
     * Reads a connection URI and finds its password in the given environment and home directory.
     *
     * @param uri {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAMETER=VALUE&…]}
     * @param env the environment ({@code PGPASSWORD}, {@code PGPASSFILE}, {@code PGUSER}, {@code PGSSLMODE}…)
     * @param home the home directory ({@code .pgpass})
     * @return the location
     * @throws VaultException as {@link #parse(String)}
     */
    static PostgresLocation parse(String uri, Map<String, String> env, Path home) {
        requireNonNull(uri, "uri is null");
        String rest;
        if (uri.startsWith("postgresql://")) {
            rest = uri.substring("postgresql://".length());
        } else if (uri.startsWith("postgres://")) {
            rest = uri.substring("postgres://".length());
        } else {
            throw invalid(redact(uri), "it does not start with postgresql://");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            parameters = query(uri, rest.substring(question + 1));
            rest = rest.substring(0, question);
        }
        ConnectionParameters.fromEnvironment(parameters, env);
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw invalid(redact(uri), "the database is missing (…/DATABASE)");
        }
        String authority = rest.substring(0, slash);
        String database = decode(uri, rest.substring(slash + 1));
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        String user;
        Optional<String> password = Optional.empty();
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
            user = decode(uri, userInfo.substring(0, colon));
            password = Optional.of(decode(uri, userInfo.substring(colon + 1)));
        } else {
            user = decode(uri, userInfo);
        }
        if (user.isEmpty()) {
            user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        String host;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid(redact(uri), "an IPv6 address needs its closing ']'");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                port = port(uri, after.substring(1));
            }
        } else {
            int p = hostPort.lastIndexOf(':');
            host = p < 0 ? hostPort : hostPort.substring(0, p);
            if (p >= 0) {
                port = port(uri, hostPort.substring(p + 1));
            }
        }
        if (host.isEmpty()) {
            throw invalid(redact(uri), "the host is missing (postgresql://USER@HOST:PORT/DATABASE)");
        }
        if (password.isEmpty()) {
            password = Optional.ofNullable(env.get("PGPASSWORD")).filter(p -> !p.isEmpty());
        }
        if (password.isEmpty()) {
            Path file = Optional.ofNullable(env.get("PGPASSFILE")).map(Path::of).orElse(home.resolve(".pgpass"));
            password = fromPasswordFile(file, host, port, database, user);
        }
        return new PostgresLocation(host, port, database, user, password, parameters);
    }

    /** The parameters of a URI's query, {@code NAME=VALUE&…}, percent-decoded and checked; the last one wins. */
    private static Map<String, String> query(String uri, String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.indexOf('=', eq + 1) >= 0) {
                throw invalid(redact(uri), "'" + (eq < 0 ? pair : pair.substring(0, eq)) + "' is not PARAMETER=VALUE"
                        + " (a '=' in a value is written %3D)");
            }
            parameters.put(decode(uri, pair.substring(0, eq)), decode(uri, pair.substring(eq + 1)));
        }
        ConnectionParameters.check("'" + redact(uri) + "'", parameters);
        return parameters;
    }

    private static int port(String uri, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw invalid(redact(uri), "the port must be a number from 1 to 65535, got '" + text + "'");
    }

    /** The password of the first matching line of a libpq password file, as libpq reads it. */
    static Optional<String> fromPasswordFile(Path file, String host, int port, String database, String user) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.warn("The password file {} is readable by others; as libpq does, it is ignored (chmod 0600 it)",
                        file);
                return Optional.empty();
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(line);
                if (fields.size() == 5 && matches(fields.get(0), host) && matches(fields.get(1), Integer.toString(port))
                        && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                    return Optional.of(fields.get(4));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot read the password file {}: {}", file, e.toString());
        }
        return Optional.empty();
    }

    /** Splits a password file line on ':', where '\' escapes ':' and '\'. */
    private static List<String> fields(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value)
                || pattern.equals("localhost") && (value.equals("127.0.0.1") || value.equals("::1"));
    }

    private static String decode(String uri, String part) {
        if (part.indexOf('%') < 0) {
            return part;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                int hi = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(part.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw invalid(redact(uri), "a '%' must be followed by two hex digits");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The URI with any password, and the value of {@code sslpassword}, replaced by {@code ***}, for messages. */
    public static String redact(String uri) {
        String redacted = uri.replaceFirst("^(postgres(?:ql)?://[^:@/?]*):[^@/?]*@", "$1:***@");
        int question = redacted.indexOf('?');
        if (question < 0) {
            return redacted;
        }
        StringBuilder out = new StringBuilder(redacted.substring(0, question + 1));
        String[] pairs = redacted.substring(question + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
            boolean secret;
            try {
                secret = decode(uri, name).equals(ConnectionParameters.SECRET);
            } catch (VaultException e) {
                secret = false;
            }
            out.append(i > 0 ? "&" : "").append(secret && eq >= 0 ? name + "=***" : pairs[i]);
        }
        return out.toString();
    }

    private static VaultException invalid(String uri, String problem) {
        return new VaultException(ErrorCode.INVALID_ARGUMENT, "'" + uri + "' is not a PostgreSQL connection URI: "
                + problem + ". Give postgresql://USER@HOST:PORT/DATABASE (the password in PGPASSWORD or ~/.pgpass).");
    }

    /**
     * Returns this location with {@code password} instead of the one found, when one is given (a plug-in's
     * secret setting wins over the URI, {@code PGPASSWORD} and {@code ~/.pgpass}).
     *
     * @param password the password, or empty to keep this location's
     * @return the location
     */
    public PostgresLocation withPassword(Optional<String> password) {
        return password.isPresent() ? new PostgresLocation(host, port, database, user, password, parameters) : this;
    }

    /**
     * Says in one sentence why connecting to this database failed, as an operator can act on it: the database does
     * not exist, the server refused the user (and whether a password was found), TLS failed (the server does not
     * offer it, its certificate is not vouched for or not for this host, the root certificate file cannot be
     * read; naming the parameter to change), or the server cannot be reached. Never shows the password.
     *
     * @param e what the PostgreSQL driver threw
     * @return the sentence, naming the server as {@code HOST:PORT}
     */
    public String explain(SQLException e) {
        requireNonNull(e, "e is null");
        String where = host + ":" + port;
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String tls = explainTls(e, where);
        if (tls != null) {
            return tls;
        }
        if (state.equals("3D000")) {
            return "The database '" + database + "' does not exist on PostgreSQL at " + where + "; create it (createdb -O "
                    + user + " " + database + ") or name another.";
        }
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004")) {
            return "PostgreSQL at " + where + " refused the user '" + user + "': " + (password.isEmpty()
                    ? "no password was found (set PGPASSWORD, or add a line to ~/.pgpass)."
                    : "wrong password, or no access to the database.");
        }
        if (state.startsWith("08") || e.getCause() instanceof IOException) {
            return "Cannot reach PostgreSQL at " + where + ": " + firstSentence(e.getMessage());
        }
        return "PostgreSQL at " + where + " failed: " + firstSentence(e.getMessage());
    }

    /** The sentence for a TLS failure, or {@code null} if {@code e} is not one. */
    private String explainTls(SQLException e, String where) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String sslmode = parameters.getOrDefault("sslmode", "prefer");
        String rootcert = "the root certificate file " + (parameters.containsKey("sslrootcert")
                ? parameters.get("sslrootcert") + " (sslrootcert)" : "~/.postgresql/root.crt (sslrootcert's default)");
        String orRequire = ", or set sslmode=require to encrypt without verifying the server.";
        if (message.startsWith("The server does not support SSL")) {
            return "PostgreSQL at " + where + " does not accept TLS connections, which sslmode=" + sslmode
                    + " requires; set ssl = on in the server's postgresql.conf, or sslmode=prefer (or disable) in"
                    + " the URI.";
        }
        if (message.startsWith("Could not open SSL root certificate file")) {
            return "Cannot read " + rootcert + ", with which sslmode=" + sslmode
                    + " verifies the server; set sslrootcert to the file of the certificate authority that"
                    + " signed the server's certificate" + orRequire;
        }
        if (message.startsWith("Loading the SSL root certificate")) {
            return "The driver finds no certificate in " + rootcert + " (it"
                    + " needs PEM); set sslrootcert to the PEM file of the certificate authority that signed the"
                    + " server's certificate" + orRequire;
        }
        if (message.contains("could not be verified by hostnameverifier")) {
            return "PostgreSQL at " + where + " presented a certificate that does not name the host '" + host
                    + "', which sslmode=verify-full checks; connect with a host name the certificate names, or set"
                    + " sslmode=verify-ca.";
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return "PostgreSQL at " + where + " presented a certificate that " + rootcert + " does not vouch"
                        + " for, and sslmode=" + sslmode + " verifies it; set sslrootcert to the file of the"
                        + " certificate authority that signed the server's certificate" + orRequire;
            }
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "The TLS handshake with PostgreSQL at " + where + " failed (" + firstSentence(t.getMessage())
                        + "); check the sslmode, sslrootcert, sslcert and sslkey parameters of the URI.";
            }
        }
        return null;
    }

    /** The first sentence of a driver's message, which goes on with advice for another setting. */
    private static String firstSentence(String message) {
        if (message == null) {
            return "no reason given.";
        }
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end + 1);
    }

    /**
     * Returns the JDBC URL of the database, without credentials and without the connection parameters: connect
     * with {@link #jdbcProperties(Map)}, {@link #connect(Driver, Map)} or {@link #dataSource(Driver, Map)}.
     *
     * @return {@code jdbc:postgresql://HOST:PORT/DATABASE}
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    /**
     * Returns the PostgreSQL JDBC driver's properties to connect with: {@code defaults}, then the user and the
     * password, then this location's parameters as the driver names them (so a parameter the user gives wins over
     * a default such as {@code ApplicationName}).
     *
     * @param defaults driver properties ({@code ApplicationName}, {@code connectTimeout}…) the parameters override
     * @return a new, modifiable set of properties; it holds the password
     */
    public Properties jdbcProperties(Map<String, String> defaults) {
        requireNonNull(defaults, "defaults is null");
        Properties properties = new Properties();
        defaults.forEach(properties::setProperty);
        properties.setProperty("user", user);
        password.ifPresent(p -> properties.setProperty("password", p));
        ConnectionParameters.toJdbc(parameters, properties);
        return properties;
    }

    /**
     * Opens a connection with the driver, the URL of {@link #jdbcUrl()} and the properties of
     * {@link #jdbcProperties(Map)}. Blocks until connected or refused.
     *
     * @param driver the PostgreSQL JDBC driver ({@code new org.postgresql.Driver()})
     * @param defaults driver properties the parameters override
     * @return the connection, which the caller closes
     * @throws SQLException if the driver cannot connect; {@link #explain(SQLException)} says why in a sentence
     */
    public Connection connect(Driver driver, Map<String, String> defaults) throws SQLException {
        return dataSource(driver, defaults).getConnection();
    }

    /**
     * Returns a data source for a connection pool (HikariCP's {@code setDataSource}) that connects as
     * {@link #connect(Driver, Map)} does, so that the pool never holds nor logs the properties, with their
     * passwords. A login timeout the pool sets applies unless the parameters give {@code connect_timeout}.
     *
     * @param driver the PostgreSQL JDBC driver
     * @param defaults driver properties the parameters override
     * @return the data source; its {@code toString()} is this location's
     */
    public DataSource dataSource(Driver driver, Map<String, String> defaults) {
        requireNonNull(driver, "driver is null");
        return new LocationDataSource(this, driver, Map.copyOf(defaults));
    }

    /**
     * Returns {@code postgresql://USER@HOST:PORT/DATABASE}, then {@code ?PARAMETER=VALUE&…} if there are parameters;
     * never the password nor {@code sslpassword}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("postgresql://").append(user).append('@')
                .append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/')
                .append(database);
        char separator = '?';
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!p.getKey().equals(ConnectionParameters.SECRET)) {
                s.append(separator).append(p.getKey()).append('=').append(encode(p.getValue()));
                separator = '&';
            }
        }
        return s.toString();
    }

    /** Percent-encodes what would not read back as one query value. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/:,".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }
}
