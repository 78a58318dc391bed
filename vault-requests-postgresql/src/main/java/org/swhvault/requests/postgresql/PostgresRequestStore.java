package org.swhvault.requests.postgresql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.spi.request.RowCreation;
import org.swhvault.spi.store.BundleKey;

import static java.util.Objects.requireNonNull;

/**
 * A {@link RequestStore} on PostgreSQL that any number of vault processes share: each change is one
 * compare-and-set statement ({@code UPDATE … WHERE id = ? AND version = ?}), so that two workers can never both
 * claim, finish or fail one request; a row that becomes {@code new} is announced on a {@code LISTEN/NOTIFY}
 * channel, which wakes idle vaults at once; tasks that one process at a time should run (expiry) take an
 * advisory lock. The schema is created and upgraded when the store opens ({@code swhvault_schema_version}).
 *
 * <p>A statement that fails because the connection broke or the server restarts is retried on a new
 * connection for up to {@code retryFor}; a compare-and-set whose outcome was lost with the connection is
 * settled by reading the row again, so a retry never applies a change twice. Thread-safe.
 */
public final class PostgresRequestStore implements RequestStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRequestStore.class);
    /** The channel rows becoming {@code new} are announced on. */
    static final String CHANNEL = "swhvault_new_work";
    /** The channel every change of a row is announced on, its payload "bundle_type swhid": caches forget it. */
    static final String CHANGED = "swhvault_changed";
    /** The default number of pooled connections. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** The default time transient failures are retried for. */
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(60);

    private final PostgresLocation location;
    private final HikariDataSource pool;
    /** How long a readiness check waits for the server, at most, to connect and to answer. */
    private static final int PROBE_TIMEOUT_SECONDS = 2;
    private final Duration retryFor;
    private final boolean overlapClaimCommits;
    private final Changes changes;
    private volatile boolean closed;

    private PostgresRequestStore(PostgresLocation location, HikariDataSource pool, Duration retryFor,
            boolean overlapClaimCommits) {
        this.location = location;
        this.pool = pool;
        this.retryFor = retryFor;
        this.overlapClaimCommits = overlapClaimCommits;
        this.changes = new Changes(() -> connect(location));
    }

    /**
     * Connects, creates or upgrades the schema, and opens a pool of connections. Blocks until then.
     *
     * @param location the database and the credentials
     * @param poolSize how many connections at most, at least 2
     * @param retryFor how long transient failures are retried
     * @return the store, which the caller closes
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} and one sentence if the server cannot be
     *     reached, refuses the credentials, has no such database, or its schema is newer than this code
     */
    public static PostgresRequestStore open(PostgresLocation location, int poolSize, Duration retryFor) {
        return open(location, poolSize, retryFor, false);
    }

    /**
     * As {@link #open(PostgresLocation, int, Duration)}, choosing how {@link #beginCreate} commits a new request.
     * With {@code overlapClaimCommits}, it leaves the new row's transaction open for {@link RowCreation#commit()},
     * so that a vault cooks while the claim commits, and saves the time of one commit (a WAL flush) per new
     * request. The bundle is still published, and the request told, only once the claim committed, and the
     * uncommitted row makes every other creation of the bundle wait; but a database failure between the insert
     * and its commit loses the claim while its cook runs, and the bundle may then be cooked a second time (it is
     * published once). Off by default: without it, the cooker is called exactly once per bundle, also through a
     * restart of the database.
     *
     * @param location the database and the credentials
     * @param poolSize how many connections at most, at least 2
     * @param retryFor how long transient failures are retried
     * @param overlapClaimCommits whether new requests commit while they cook
     * @return the store, which the caller closes
     * @throws VaultException as {@link #open(PostgresLocation, int, Duration)}
     */
    public static PostgresRequestStore open(PostgresLocation location, int poolSize, Duration retryFor,
            boolean overlapClaimCommits) {
        requireNonNull(location, "location is null");
        requireNonNull(retryFor, "retryFor is null");
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2, got " + poolSize);
        }
        try (Connection c = connect(location)) {
            Migrations.migrate(c);
        } catch (SQLException e) {
            throw openFailure(location, e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("swhvault-requests");
        // the location's parameters (sslmode, application_name…) win over these
        config.setDataSource(location.dataSource(new org.postgresql.Driver(),
                Map.of("ApplicationName", "swhvault", "tcpKeepAlive", "true")));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1); // checked above, with a sentence rather than a stack trace
        PostgresRequestStore store = new PostgresRequestStore(location, new HikariDataSource(config), retryFor,
                overlapClaimCommits);
        LOG.info("Requests in {}", location);
        return store;
    }

    /**
     * Checks on a connection of its own, with no retry and no wait for the pool, that the database answers and
     * holds the requests table.
     *
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} and the sentence of {@link PostgresLocation#explain}
     */
    @Override
    public void checkAnswers() {
        try (Connection c = connect(location, PROBE_TIMEOUT_SECONDS);
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM swhvault_request LIMIT 1")) {
            ps.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw openFailure(location, e);
        }
    }

    /** A connection outside the pool, for the schema and for listening. */
    private static Connection connect(PostgresLocation location) throws SQLException {
        return connect(location, 10);
    }

    private static Connection connect(PostgresLocation location, int timeoutSeconds) throws SQLException {
        // the location's parameters (connect_timeout, application_name…) win over these
        return location.connect(new org.postgresql.Driver(), Map.of("ApplicationName", "swhvault",
                "connectTimeout", Integer.toString(timeoutSeconds), "tcpKeepAlive", "true"));
    }

    /** One sentence for what stops the store from opening. */
    static VaultException openFailure(PostgresLocation location, SQLException e) {
        return new VaultException(ErrorCode.STORE_FAILURE, location.explain(e), e);
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "no reason given.";
        }
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end + 1);
    }

    // --- the RequestStore ---

    @Override
    public BundleRequest createIfAbsent(BundleKey key, Instant now) {
        requireNonNull(key, "key is null");
        requireNonNull(now, "now is null");
        return retrying("create a request", c -> {
            // Callers look a bundle up before they create it: insert first, read only if the row is there after
            // all. The new row is announced by the same statement: one round trip, one commit.
            try (PreparedStatement ps = c.prepareStatement("WITH i AS (INSERT INTO swhvault_request (id, bundle_type,"
                    + " swhid, version, state, attempts, created, last_access, sticky, notify_emails) VALUES"
                    + " (nextval('swhvault_request_id'), ?, ?, 0, 'new', 0, ?, ?, false, '{}')"
                    + " ON CONFLICT (bundle_type, swhid) DO NOTHING RETURNING " + RequestRows.COLUMNS + ")"
                    + " SELECT i.*, pg_notify('" + CHANNEL + "', '') FROM i")) {
                ps.setString(1, key.format());
                ps.setString(2, key.swhid().toString());
                ps.setObject(3, RequestRows.time(now));
                ps.setObject(4, RequestRows.time(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return RequestRows.row(rs);
                    }
                }
            }
            return RequestRows.select(c, "bundle_type = ? AND swhid = ?", key).orElseThrow(
                    () -> new SQLException("the row of " + key + " was deleted while it was being created", "40001"));
        });
    }

    /**
     * Writes a new row as {@code initial} makes it (and announces it as new work only if it is new), or returns
     * the existing row, in one statement.
     */
    @Override
    public BundleRequest createIfAbsent(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial) {
        return createIfAbsent(wanted(key, now, initial));
    }

    private BundleRequest createIfAbsent(BundleRequest wanted) {
        BundleKey key = wanted.key();
        return retrying("create a request", c -> {
            Optional<Found> found = insertOrGet(c, wanted);
            if (found.isPresent()) {
                return found.get().row();
            }
            return RequestRows.select(c, "bundle_type = ? AND swhid = ?", key).orElseThrow(
                    () -> new SQLException("the row of " + key + " was deleted while it was being created", "40001"));
        });
    }

    /**
     * Checks first, then writes the new row or returns the existing one in one statement: one round trip where
     * looking up first takes two, none for a cached done row. The check thus runs also when the row exists (the
     * vault's check is a look-up in its source); what it throws is thrown only if there is no row, so that an
     * existing request is returned as it would have been. A store opened to overlap claim commits leaves a new
     * row's transaction open until {@link RowCreation#commit()}; see
     * {@link #open(PostgresLocation, int, Duration, boolean)}.
     */
    @Override
    public RowCreation beginCreate(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial,
            Runnable beforeCreating) {
        requireNonNull(beforeCreating, "beforeCreating is null");
        BundleRequest wanted = wanted(key, now, initial);
        Optional<BundleRequest> cached = changes.cached(key);
        if (cached.isPresent()) {
            return RowCreation.stored(cached.get());
        }
        try {
            beforeCreating.run();
        } catch (RuntimeException e) {
            Optional<BundleRequest> existing = get(key);
            if (existing.isPresent()) {
                return RowCreation.stored(existing.get());
            }
            throw e;
        }
        return overlapClaimCommits ? beginInTransaction(wanted) : RowCreation.stored(createIfAbsent(wanted));
    }

    /** Writes the row in a transaction left open for {@link Creation}, or returns the existing row. */
    private RowCreation beginInTransaction(BundleRequest wanted) {
        while (true) {
            Connection c;
            try {
                c = pool.getConnection();
            } catch (SQLException e) {
                return RowCreation.stored(createIfAbsent(wanted)); // retried there
            }
            Optional<Found> found;
            try {
                c.setAutoCommit(false);
                found = insertOrGet(c, wanted);
                if (found.isPresent() && found.get().inserted()) {
                    return new Creation(c, found.get().row());
                }
            } catch (SQLException e) {
                release(c);
                return RowCreation.stored(createIfAbsent(wanted)); // retried there
            }
            release(c);
            Optional<BundleRequest> existing = found.map(Found::row).or(() -> get(wanted.key()));
            if (existing.isPresent()) {
                return RowCreation.stored(existing.get());
            }
        }
    }

    /** A row written by a transaction still open on {@code connection}. */
    private final class Creation implements RowCreation {
        private final Connection connection;
        private final BundleRequest row;
        private boolean ended;

        Creation(Connection connection, BundleRequest row) {
            this.connection = connection;
            this.row = row;
        }

        @Override
        public BundleRequest row() {
            return row;
        }

        @Override
        public synchronized void commit() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                connection.commit();
            } catch (SQLException e) {
                // a broken connection loses the answer, not necessarily the commit: the row's id tells
                if (!transientFailure(e) || get(row.id()).isEmpty()) {
                    throw failure("record a request", e);
                }
                LOG.debug("The commit of request {} was settled by reading it back ({})", row.id(), e.toString());
            } finally {
                release(connection);
            }
        }

        @Override
        public synchronized void abort() {
            if (!ended) {
                ended = true;
                release(connection);
            }
        }
    }

    /** Gives a connection back to the pool, out of any transaction. */
    private static void release(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                rollbackQuietly(c);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.debug("Cannot reset a connection: {}", e.toString());
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Cannot close a connection: {}", e.toString());
        }
    }

    /** The new row as {@code initial} makes it of the fresh one, with a stand-in id. */
    private static BundleRequest wanted(BundleKey key, Instant now, UnaryOperator<BundleRequest> initial) {
        requireNonNull(key, "key is null");
        requireNonNull(now, "now is null");
        requireNonNull(initial, "initial is null");
        BundleRequest fresh = BundleRequest.create(1, key, now);
        BundleRequest wanted = initial.apply(fresh);
        if (wanted.id() != fresh.id() || !wanted.key().equals(key) || wanted.version() != 0) {
            throw new IllegalArgumentException("initial must keep the id, key and version of the row: " + key
                    + " vs " + wanted.key());
        }
        return wanted;
    }

    /**
     * Inserts {@code wanted} (with the next id) unless its bundle has a row, and returns the new or the existing
     * row, in one statement; a new row that is new work is announced. Empty if a concurrent creation
     * committed after the statement began, which the statement cannot see: a next statement can.
     */
    /** A row {@link #insertOrGet} wrote ({@code inserted}) or found. */
    private record Found(BundleRequest row, boolean inserted) {
    }

    private static Optional<Found> insertOrGet(Connection c, BundleRequest wanted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH i AS (INSERT INTO swhvault_request (id, bundle_type,"
                + " swhid, version, created, state, progress_message, failure, attempts, done, last_access, sticky,"
                + " lease_owner, lease_expires, retry_at, notify_emails)"
                + " SELECT nextval('swhvault_request_id'), ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM swhvault_request WHERE bundle_type = ? AND swhid = ?)"
                + " ON CONFLICT (bundle_type, swhid) DO NOTHING RETURNING " + RequestRows.COLUMNS + ")"
                + " SELECT i.*, true AS inserted, CASE WHEN i.state = 'new' THEN pg_notify('" + CHANNEL + "', '') END"
                + " FROM i UNION ALL SELECT " + RequestRows.COLUMNS + ", false, NULL FROM swhvault_request"
                + " WHERE bundle_type = ? AND swhid = ? AND NOT EXISTS (SELECT 1 FROM i)")) {
            BundleKey key = wanted.key();
            for (int at : new int[] {1, 15, 17}) {
                ps.setString(at, key.format());
                ps.setString(at + 1, key.swhid().toString());
            }
            ps.setObject(3, RequestRows.time(wanted.created()));
            RequestRows.bindValues(c, ps, 4, wanted);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Found(RequestRows.row(rs), rs.getBoolean("inserted")))
                        : Optional.empty();
            }
        }
    }

    @Override
    public Optional<BundleRequest> get(BundleKey key) {
        requireNonNull(key, "key is null");
        Optional<BundleRequest> cached = changes.cached(key);
        if (cached.isPresent()) {
            return cached;
        }
        long generation = changes.generation();
        Optional<BundleRequest> row = retrying("read a request", c -> RequestRows.select(c, "bundle_type = ? AND swhid = ?", key));
        row.ifPresent(r -> changes.offer(r, generation));
        return row;
    }

    @Override
    public Optional<BundleRequest> get(long id) {
        return retrying("read a request", c -> RequestRows.select(c, "id = ?", id));
    }

    @Override
    public Optional<BundleRequest> compareAndSet(BundleRequest expected, BundleRequest updated) {
        requireNonNull(expected, "expected is null");
        requireNonNull(updated, "updated is null");
        if (expected.id() != updated.id() || !expected.key().equals(updated.key())) {
            throw new IllegalArgumentException("updated must have the id and key of expected: " + expected.id() + " "
                    + expected.key() + " vs " + updated.id() + " " + updated.key());
        }
        boolean[] tried = {false};
        return retrying("change a request", c -> {
            if (tried[0]) {
                // the previous attempt's outcome was lost with its connection: settle it from the row
                Optional<BundleRequest> now = RequestRows.select(c, "id = ?", expected.id());
                if (now.isEmpty() || now.get().version() > expected.version() + 1) {
                    return Optional.<BundleRequest>empty();
                }
                if (now.get().version() == expected.version() + 1) {
                    BundleRequest mine = updated.toBuilder().version(expected.version() + 1).build();
                    return RequestRows.sameValues(now.get(), mine) ? now : Optional.<BundleRequest>empty();
                }
            }
            tried[0] = true;
            return update(c, expected, updated);
        });
    }

    private Optional<BundleRequest> update(Connection c, BundleRequest expected, BundleRequest updated)
            throws SQLException {
        changes.forget(expected.key());
        long generation = changes.generation();
        try (PreparedStatement ps = c.prepareStatement("WITH u AS (UPDATE swhvault_request SET version = version + 1,"
                + " state = ?, progress_message = ?, failure = ?, attempts = ?, done = ?, last_access = ?,"
                + " sticky = ?, lease_owner = ?, lease_expires = ?, retry_at = ?, notify_emails = ?"
                + " WHERE id = ? AND version = ? RETURNING " + RequestRows.COLUMNS + ")"
                // only done rows are cached (Changes): a change of any other row has nothing to evict anywhere
                + " SELECT u.*, CASE WHEN ? THEN pg_notify('" + CHANGED + "', u.bundle_type || ' ' || u.swhid) END,"
                // a row that becomes new again (a retry, a take-over) is new work: announced by the same statement
                + " CASE WHEN u.state = 'new' AND ? THEN pg_notify('" + CHANNEL + "', '') END FROM u")) {
            RequestRows.bindValues(c, ps, 1, updated);
            ps.setLong(12, expected.id());
            ps.setLong(13, expected.version());
            ps.setBoolean(14, expected.state() == RequestState.DONE);
            ps.setBoolean(15, expected.state() != RequestState.NEW);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                // committed (the connection commits each statement): a row now done is cached as a read one is,
                // so that the status of a bundle just cooked here is answered without a query
                BundleRequest row = RequestRows.row(rs);
                changes.offer(row, generation);
                return Optional.of(row);
            }
        }
    }

    @Override
    public boolean delete(BundleRequest expected) {
        requireNonNull(expected, "expected is null");
        boolean[] tried = {false};
        return retrying("delete a request", c -> {
            if (tried[0] && RequestRows.select(c, "id = ?", expected.id()).isEmpty()) {
                return true; // deleted by the attempt whose answer was lost
            }
            tried[0] = true;
            changes.forget(expected.key());
            try (PreparedStatement ps = c.prepareStatement("WITH d AS (DELETE FROM swhvault_request"
                    + " WHERE id = ? AND version = ? RETURNING bundle_type, swhid)"
                    + " SELECT pg_notify('" + CHANGED + "', d.bundle_type || ' ' || d.swhid) FROM d")) {
                ps.setLong(1, expected.id());
                ps.setLong(2, expected.version());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public List<BundleRequest> list(RequestState state) {
        requireNonNull(state, "state is null");
        return retrying("list requests", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + RequestRows.COLUMNS + " FROM swhvault_request WHERE state = ? ORDER BY id")) {
                ps.setString(1, state.apiName());
                List<BundleRequest> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(RequestRows.row(rs));
                    }
                }
                return rows;
            }
        });
    }

    @Override
    public long createBatch(List<BundleKey> keys) {
        requireNonNull(keys, "keys is null");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one bundle");
        }
        return retrying("record a batch", c -> {
            c.setAutoCommit(false);
            try {
                long id;
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT nextval('swhvault_batch_id')")) {
                    rs.next();
                    id = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO swhvault_batch (id) VALUES (?)")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO swhvault_batch_bundle"
                        + " (batch_id, position, bundle_type, swhid) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < keys.size(); i++) {
                        ps.setLong(1, id);
                        ps.setInt(2, i);
                        ps.setString(3, keys.get(i).format());
                        ps.setString(4, keys.get(i).swhid().toString());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public Optional<List<BundleKey>> batch(long id) {
        return retrying("read a batch", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bundle_type, swhid FROM swhvault_batch_bundle"
                    + " WHERE batch_id = ? ORDER BY position")) {
                ps.setLong(1, id);
                List<BundleKey> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(RequestRows.key(rs.getString(1), rs.getString(2)));
                    }
                }
                return keys.isEmpty() ? Optional.<List<BundleKey>>empty() : Optional.of(List.copyOf(keys));
            }
        });
    }

    /** Runs {@code action} while holding a transaction-scoped advisory lock named after the task. */
    @Override
    public boolean runExclusively(String task, Runnable action) {
        requireNonNull(task, "task is null");
        requireNonNull(action, "action is null");
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean locked;
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
                    ps.setString(1, "swhvault:" + task);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        locked = rs.getBoolean(1);
                    }
                }
                if (locked) {
                    action.run();
                } else {
                    LOG.debug("{} is running in another process; skipped here", task);
                }
                return locked;
            } finally {
                rollbackQuietly(c); // ends the transaction and releases the lock
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("run " + task, e);
        }
    }

    /** Listens for new work: rows becoming new, in any process sharing the database. */
    @Override
    public void onNewWork(Runnable listener) {
        requireNonNull(listener, "listener is null");
        changes.onNewWork(listener);
    }

    @Override
    public boolean isExclusive() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
        changes.close();
        pool.close();
    }

    @Override
    public String toString() {
        return location.toString();
    }

    // --- rows ---

    // --- failures and retries ---

    /** A statement on a pooled connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection, again on a new one while the failure is transient (the
     * connection broke, the server is restarting), for up to {@link #retryFor}.
     */
    private <T> T retrying(String what, Work<T> work) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoff = 50;
        while (true) {
            if (closed) {
                throw new IllegalStateException("The request store is closed.");
            }
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (!transientFailure(e) || System.nanoTime() > deadline) {
                    throw failure(what, e);
                }
                LOG.debug("Could not {} ({}); trying again in {} ms", what, e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(2_000, backoff * 2);
            }
        }
    }

    /** Whether trying again on another connection may succeed. */
    static boolean transientFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true; // no connection from the pool in time
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("40001") || state.equals("40P01"));
    }

    private VaultException failure(String what, SQLException e) {
        // the pool's timeout says only that it timed out; the connection failure it carries says why
        String why = e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause
                ? location.explain(cause) : firstSentence(e.getMessage());
        return new VaultException(ErrorCode.STORE_FAILURE, "The request store (" + location + ") could not " + what
                + ": " + why, e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed: {}", e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
