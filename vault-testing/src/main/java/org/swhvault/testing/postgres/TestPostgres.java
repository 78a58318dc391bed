package org.swhvault.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started on a free loopback port from the binaries Debian's
 * {@code postgresql} package installs ({@code /usr/lib/postgresql/<version>/bin}, or the directory in the
 * {@code PG_BIN} environment variable), in a new cluster of its own. Connections over TCP need a password
 * (scram-sha-256), as on a mirror: the superuser is {@value #SUPERUSER} with password {@link #superPassword()}.
 * When the tests run as root, the server runs as the {@code postgres} user (PostgreSQL refuses root). It is
 * tuned for tests (no fsync) and stopped by {@link #close()}; {@link #restart()} stops and starts it on the
 * same port and data, as an operator's restart does. Not thread-safe.
 */
public final class TestPostgres implements AutoCloseable {
    /** The superuser's name. */
    public static final String SUPERUSER = "postgres";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String superPassword = "test-" + Long.toHexString(System.nanoTime());
    private final boolean asPostgresUser;
    private Process server;

    private TestPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * Creates a cluster and starts its server. Blocks until it accepts connections.
     *
     * @return the running server
     * @throws IllegalStateException if no PostgreSQL binaries are installed (install Debian's
     *     {@code postgresql} package) or the server does not start
     */
    public static TestPostgres start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("swhvault-postgres-");
            TestPostgres pg = new TestPostgres(bin, dir, freePort(), root);
            pg.initialise();
            pg.launch();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the directory of the PostgreSQL binaries, or fails saying what to install. */
    static Path binaries() {
        String env = System.getenv("PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "postgres"))) {
            return Path.of(env);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())))
                        .orElseThrow(TestPostgres::notInstalled);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw notInstalled();
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("No PostgreSQL server binaries found: install Debian's postgresql package"
                + " (apt-get install -y postgresql), or set PG_BIN to the directory holding postgres and initdb");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void initialise() throws IOException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
        if (asPostgresUser) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName(SUPERUSER));
            Files.setOwner(pwfile, users.lookupPrincipalByName(SUPERUSER));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
    }

    private void launch() throws IOException {
        List<String> command = asUser(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200", "-c", "shared_buffers=32MB"));
        server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL did not start: " + log());
            }
            if (accepts()) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT + ": " + log());
    }

    /** Whether the server answers pg_isready: it accepts connections, not only the TCP port. */
    private boolean accepts() throws IOException {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            // the port is open; check that the server is past recovery
        } catch (IOException e) {
            return false;
        }
        Process ready = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-q").start();
        try {
            return ready.waitFor(10, TimeUnit.SECONDS) && ready.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> asUser(List<String> command) {
        if (!asPostgresUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SUPERUSER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(asUser(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Returns the port the server listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the superuser's password.
     *
     * @return the password
     */
    public String superPassword() {
        return superPassword;
    }

    /**
     * Returns a JDBC URL of a database of this server.
     *
     * @param database the database's name
     * @return the URL, without credentials
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Runs SQL as the superuser with {@code psql}, in database {@code postgres}, and returns what it printed.
     *
     * @param sql the statements
     * @return psql's output (unaligned, tuples only)
     */
    public String psql(String sql) {
        return psql("postgres", sql);
    }

    /**
     * Runs SQL as the superuser with {@code psql} in a database, and returns what it printed.
     *
     * @param database the database
     * @param sql the statements
     * @return psql's output (unaligned, tuples only)
     */
    public String psql(String database, String sql) {
        return runPsql(database, "-c", sql);
    }

    /**
     * Runs a file of SQL as the superuser with {@code psql} in a database (psql's meta-commands such as
     * {@code \\if} work), and returns what it printed.
     *
     * @param database the database
     * @param file the SQL file
     * @return psql's output (unaligned, tuples only)
     */
    public String psqlFile(String database, Path file) {
        return runPsql(database, "-f", file.toString());
    }

    private String runPsql(String database, String option, String sql) {
        try {
            ProcessBuilder pb = new ProcessBuilder(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-U", SUPERUSER, "-d", database, "-v", "ON_ERROR_STOP=1", "-At", option,
                    sql).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", superPassword);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("psql failed on " + sql + ": " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Creates a database owned by a new login role with a password.
     *
     * @param name the database's and the role's name (letters, digits, underscores)
     * @param password the role's password
     */
    public void createDatabase(String name, String password) {
        if (!name.matches("[a-z_][a-z0-9_]*") || password.contains("'")) {
            throw new IllegalArgumentException("a plain name and a password without quotes, please");
        }
        psql("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
        psql("CREATE DATABASE " + name + " OWNER " + name);
    }

    /**
     * Stops the server (fast shutdown: open connections are cut, as in an operator's restart) and starts it
     * again on the same port and data. Blocks until it accepts connections again.
     */
    public void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server with a fast shutdown and waits for it to exit. */
    public void stop() {
        if (server == null || !server.isAlive()) {
            return;
        }
        // SIGINT to the postmaster (its pid is postmaster.pid's first line) is PostgreSQL's fast shutdown
        try {
            Path pidFile = data.resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                String pid = Files.readAllLines(pidFile).get(0).strip();
                new ProcessBuilder("kill", "-INT", pid).start().waitFor();
            } else {
                server.destroy();
            }
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and deletes its cluster. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is not the test's failure
        }
    }

    @Override
    public String toString() {
        return "TestPostgres[127.0.0.1:" + port + ", " + data + "]";
    }
}
