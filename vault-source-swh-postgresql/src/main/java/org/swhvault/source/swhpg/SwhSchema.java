package org.swhvault.source.swhpg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/**
 * Creates, in an empty database, the tables of swh-storage's PostgreSQL schema (version 195) that the vault
 * reads and the loader writes, in one of swh-storage's flavours. Written for swhvault from the schema's
 * published table and column names and types: an archive loaded here is read like one swh-storage created.
 */
public final class SwhSchema {
    /** swh-storage's database flavours. */
    public enum Flavor {
        /** Foreign keys and every index: objects must arrive after what they reference. */
        DEFAULT,
        /** No foreign keys: a mirror fed by replication gets rows in any order. */
        MIRROR
    }

    private SwhSchema() {
    }

    /**
     * Creates the schema in one transaction in the (empty) database at {@code db}.
     *
     * @param db the database, reached as its owner
     * @param flavor the flavour
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#SOURCE_FAILURE} and the
     *     database's sentence if it cannot be reached or a statement fails (nothing is created then)
     */
    public static void createIn(PostgresLocation db, Flavor flavor) {
        try (Connection c = SwhLoader.connect(db)) {
            create(c, flavor);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot create swh-storage's schema in " + db + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns whether the database at {@code db} already holds the tables of swh-storage's schema that the vault
     * reads, whoever created them. Blocks on the database.
     *
     * @param db the database
     * @return true if the schema is there
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#SOURCE_FAILURE} and the
     *     database's sentence if it cannot be reached
     */
    public static boolean existsIn(PostgresLocation db) {
        try (Connection c = StorageDatabase.connect(db, "Cannot read ")) {
            return StorageDatabase.hasTables(c);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, "Cannot read " + db + ": " + db.explain(e), e);
        }
    }

    /**
     * Creates the schema in one transaction.
     *
     * @param c a connection to an empty database, as its owner
     * @param flavor the flavour
     * @throws SQLException if a statement fails (the transaction is rolled back)
     */
    public static void create(Connection c, Flavor flavor) throws SQLException {
        String sql;
        try (InputStream in = SwhSchema.class.getResourceAsStream("schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            boolean defaultOnly = false;
            StringBuilder statement = new StringBuilder();
            for (String line : sql.split("\n")) {
                if (line.equals("-- default only")) {
                    defaultOnly = true;
                } else if (line.equals("-- end default only")) {
                    defaultOnly = false;
                } else if (line.equals(";;")) {
                    if (!defaultOnly || flavor == Flavor.DEFAULT) {
                        st.execute(statement.toString());
                    }
                    statement.setLength(0);
                } else if (!line.startsWith("--")) {
                    statement.append(line).append('\n');
                }
            }
            st.execute("INSERT INTO dbflavor (flavor) VALUES ('" + flavor.name().toLowerCase(Locale.ROOT) + "')");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
