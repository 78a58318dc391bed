package org.swhvault.source.swhpg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.swhvault.postgresql.PostgresLocation;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/** Connecting to an archive's database, and whether it holds swh-storage's tables, each failure in one sentence. */
final class StorageDatabase {
    private StorageDatabase() {
    }

    /**
     * Connects to {@code db}, or fails with one sentence that starts with {@code context} and says why.
     *
     * @throws VaultException with {@link ErrorCode#SOURCE_FAILURE}
     */
    static Connection connect(PostgresLocation db, String context) {
        try {
            return SwhLoader.connect(db);
        } catch (SQLException e) {
            throw new VaultException(ErrorCode.SOURCE_FAILURE, context + db + ": " + db.explain(e), e);
        }
    }

    /** Whether the database holds the tables of swh-storage's schema that the vault reads. */
    static boolean hasTables(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('directory') IS NOT NULL"
                + " AND to_regclass('revision') IS NOT NULL AND to_regclass('content') IS NOT NULL"
                + " AND to_regclass('snapshot_branch') IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The sentence for a database without swh-storage's tables, then {@code advice}. */
    static VaultException withoutTables(PostgresLocation db, String advice) {
        return new VaultException(ErrorCode.SOURCE_FAILURE, db + " is not a swh-storage database: it has no"
                + " directory, revision, content or snapshot_branch table" + advice + ".");
    }
}
