package org.swhvault.requests.postgresql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/**
 * Creates and upgrades the store's schema with versioned scripts ({@code migrations/V<n>__<what>.sql}), each
 * applied once, in order, in one transaction with its row in {@code swhvault_schema_version}. Processes starting
 * together take turns (a transaction-scoped advisory lock), so that a script never runs twice.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The scripts, in order; the n-th is version n. */
    static final List<String> SCRIPTS = List.of("V1__requests_and_batches.sql");

    /** The key of the advisory lock migrations hold. */
    private static final long LOCK = 0x5357_4856_4d49_4752L; // "SWHVMIGR"

    private Migrations() {
    }

    /**
     * Brings the schema to the latest version.
     *
     * @return the schema's version
     * @throws VaultException with {@link ErrorCode#STORE_FAILURE} if the database's schema is newer than this
     *     code knows
     * @throws SQLException if a statement fails
     */
    static int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            st.execute("CREATE TABLE IF NOT EXISTS swhvault_schema_version (version integer PRIMARY KEY,"
                    + " script text NOT NULL, installed timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM swhvault_schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > SCRIPTS.size()) {
                throw new VaultException(ErrorCode.STORE_FAILURE, "The database's request schema is at version "
                        + current + ", newer than this vault knows (" + SCRIPTS.size() + "); upgrade the vault.");
            }
            for (int v = current + 1; v <= SCRIPTS.size(); v++) {
                String script = SCRIPTS.get(v - 1);
                st.execute(read(script));
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO swhvault_schema_version (version, script) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, script);
                    ps.executeUpdate();
                }
                LOG.info("Request schema upgraded to version {} ({})", v, script);
            }
            connection.commit();
            return SCRIPTS.size();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the jar: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
