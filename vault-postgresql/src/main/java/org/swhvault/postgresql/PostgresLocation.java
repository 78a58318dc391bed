package org.swhvault.postgresql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * Where a PostgreSQL database is and who connects to it, read from a libpq connection URI
 * ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE}, {@code postgres://} too), with the password
 * found as libpq finds it: in the URI, else in {@code PGPASSWORD}, else in the password file
 * ({@code PGPASSFILE}, else {@code ~/.pgpass}; lines {@code host:port:database:user:password} where a field
 * may be {@code *}). The password never appears in {@link #toString()}.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param database the database's name
 * @param user the role to connect as
 * @param password the role's password, if one was found
 */
public record PostgresLocation(String host, int port, String database, String user, Optional<String> password) {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresLocation.class);
    /** PostgreSQL's default port. */
    public static final int DEFAULT_PORT = 5432;

    /** Validates the components. */
    public PostgresLocation {
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /**
     * Reads a connection URI and finds its password, with the environment and home directory of this process.
     *
     * @param uri {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE}
     * @return the location
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the URI is not of that form
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
     * @param uri {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE}
     * @param env the environment ({@code PGPASSWORD}, {@code PGPASSFILE}, {@code PGUSER})
     * @param home the home directory ({@code .pgpass})
     * @return the location
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if the URI is not of that form
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
        if (rest.contains("?")) {
            throw invalid(redact(uri), "parameters (?…) are not supported");
        }
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
        return new PostgresLocation(host, port, database, user, password);
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

    /** The URI with any password replaced by {@code ***}, for messages. */
    public static String redact(String uri) {
        return uri.replaceFirst("^(postgres(?:ql)?://[^:@/]*):[^@/]*@", "$1:***@");
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
        return password.isPresent() ? new PostgresLocation(host, port, database, user, password) : this;
    }

    /**
     * Says in one sentence why connecting to this database failed, as an operator can act on it: the database does
     * not exist, the server refused the user (and whether a password was found), or the server cannot be reached.
     * Never shows the password.
     *
     * @param e what the PostgreSQL driver threw
     * @return the sentence, naming the server as {@code HOST:PORT}
     */
    public String explain(SQLException e) {
        requireNonNull(e, "e is null");
        String where = host + ":" + port;
        String state = e.getSQLState() == null ? "" : e.getSQLState();
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

    /** The first sentence of a driver's message, which goes on with advice for another setting. */
    private static String firstSentence(String message) {
        if (message == null) {
            return "no reason given.";
        }
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end + 1);
    }

    /** The JDBC URL of the database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    /** Returns {@code postgresql://USER@HOST:PORT/DATABASE}, never the password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                + database;
    }
}
