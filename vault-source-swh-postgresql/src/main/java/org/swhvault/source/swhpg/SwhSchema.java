package org.swhvault.source.swhpg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

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
