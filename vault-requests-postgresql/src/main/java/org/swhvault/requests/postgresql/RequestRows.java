package org.swhvault.requests.postgresql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

/** How a {@link BundleRequest} is a row of {@code swhvault_request}, and back. Stateless. */
final class RequestRows {
    /** The columns of a row, in the order of {@code SELECT}s and {@code RETURNING}s. */
    static final String COLUMNS = "id, bundle_type, swhid, version, state, progress_message, failure,"
            + " attempts, created, done, last_access, sticky, lease_owner, lease_expires, retry_at, notify_emails";

    private RequestRows() {
    }

    /**
     * Binds what a change may set, from {@code first} on: state, progress_message, failure, attempts, done,
     * last_access, sticky, lease_owner, lease_expires, retry_at, notify_emails (11 parameters).
     */
    static void bindValues(Connection c, PreparedStatement ps, int first, BundleRequest r) throws SQLException {
        int i = first;
        ps.setString(i++, r.state().apiName());
        ps.setString(i++, r.progressMessage().orElse(null));
        ps.setString(i++, r.failure().map(ErrorCode::name).orElse(null));
        ps.setInt(i++, r.attempts());
        ps.setObject(i++, r.done().map(RequestRows::time).orElse(null));
        ps.setObject(i++, time(r.lastAccess()));
        ps.setBoolean(i++, r.sticky());
        ps.setString(i++, r.lease().map(Lease::owner).orElse(null));
        ps.setObject(i++, r.lease().map(l -> time(l.expires())).orElse(null));
        ps.setObject(i++, r.retryAt().map(RequestRows::time).orElse(null));
        ps.setArray(i, c.createArrayOf("text", r.notifyEmails().toArray()));
    }

    static Optional<BundleRequest> select(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM swhvault_request WHERE " + where)) {
            int i = 1;
            for (Object arg : args) {
                if (arg instanceof BundleKey k) {
                    ps.setString(i++, k.format());
                    ps.setString(i++, k.swhid().toString());
                } else {
                    ps.setObject(i++, arg);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static BundleRequest row(ResultSet rs) throws SQLException {
        String leaseOwner = rs.getString("lease_owner");
        Array emails = rs.getArray("notify_emails");
        String stateName = rs.getString("state");
        return new BundleRequest(
                rs.getLong("id"),
                key(rs.getString("bundle_type"), rs.getString("swhid")),
                rs.getLong("version"),
                RequestState.fromApiName(stateName).orElseThrow(
                        () -> new SQLException("unknown state in the database: " + stateName)),
                Optional.ofNullable(rs.getString("progress_message")),
                Optional.ofNullable(rs.getString("failure")).map(ErrorCode::valueOf),
                rs.getInt("attempts"),
                instant(rs, "created"),
                Optional.ofNullable(rs.getObject("done", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                instant(rs, "last_access"),
                rs.getBoolean("sticky"),
                leaseOwner == null ? Optional.empty() : Optional.of(new Lease(leaseOwner, instant(rs, "lease_expires"))),
                Optional.ofNullable(rs.getObject("retry_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                emails == null ? List.of() : Arrays.asList((String[]) emails.getArray()));
    }

    static BundleKey key(String type, String swhid) throws SQLException {
        return BundleKey.formatOf(type, Swhid.parse(swhid)).orElseThrow(
                () -> new SQLException("unknown bundle format in the database: " + type));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Whether two rows hold the same values, times compared as the database keeps them (microseconds). */
    static boolean sameValues(BundleRequest stored, BundleRequest mine) {
        return stored.equals(new BundleRequest(mine.id(), mine.key(), mine.version(), mine.state(),
                mine.progressMessage(), mine.failure(), mine.attempts(), micros(mine.created()),
                mine.done().map(RequestRows::micros), micros(mine.lastAccess()), mine.sticky(),
                mine.lease().map(l -> new Lease(l.owner(), micros(l.expires()))),
                mine.retryAt().map(RequestRows::micros), mine.notifyEmails()));
    }

    private static Instant micros(Instant t) {
        return t.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
