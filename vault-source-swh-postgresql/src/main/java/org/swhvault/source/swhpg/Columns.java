package org.swhvault.source.swhpg;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.Header;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Person;
import org.swhvault.spi.model.RevisionType;
import org.swhvault.spi.model.Timestamp;
import org.swhvault.spi.swhid.ObjectType;

/** How swh-storage's columns hold the model's values, both ways. Stateless. */
final class Columns {
    private Columns() {
    }

    static Optional<Bytes> bytes(ResultSet rs, String column) throws SQLException {
        byte[] b = rs.getBytes(column);
        return b == null ? Optional.empty() : Optional.of(Bytes.wrap(b));
    }

    static Optional<Person> person(ResultSet rs, String column) throws SQLException {
        return bytes(rs, column).map(Person::new);
    }

    /**
     * The select-list items that read a {@code timestamptz} column exactly whatever its year and the server's
     * version: its whole seconds since the epoch ({@code <alias>_s}) and its microseconds ({@code <alias>_us}).
     */
    static String selectDate(String column, String alias) {
        return "extract(epoch from date_trunc('second', " + column + "))::bigint AS " + alias + "_s, (extract(microseconds"
                + " from " + column + ")::bigint % 1000000)::int AS " + alias + "_us";
    }

    /**
     * A date read with {@link #selectDate} (columns {@code <prefix>_s} and {@code <prefix>_us}), and its offset as
     * the original bytes when they were kept ({@code *_offset_bytes}), else as minutes with the "negative UTC"
     * flag (rows of old loaders).
     */
    static Optional<Timestamp> timestamp(ResultSet rs, String prefix) throws SQLException {
        long seconds = rs.getLong(prefix + "_s");
        if (rs.wasNull()) {
            return Optional.empty();
        }
        int micros = rs.getInt(prefix + "_us");
        byte[] offset = rs.getBytes(prefix + "_offset_bytes");
        if (offset != null) {
            return Optional.of(new Timestamp(seconds, micros, Bytes.wrap(offset)));
        }
        int minutes = rs.getInt(prefix + "_offset");
        boolean negUtc = rs.getBoolean(prefix + "_neg_utc_offset");
        return Optional.of(Timestamp.ofOffsetMinutes(seconds, micros, minutes, negUtc));
    }

    /** The first and last second PostgreSQL's {@code timestamptz} holds (4714-11-24 BC to 294276-12-31). */
    static final long MIN_SECONDS = -210_866_803_200L;
    static final long MAX_SECONDS = 9_224_318_015_999L;

    /**
     * A date as PostgreSQL reads a {@code timestamptz} ({@code 2009-02-13 23:31:30.000000+00}, years beyond 9999
     * and before 1 included), or null if the type cannot hold it.
     */
    static String timestamptz(Timestamp t) {
        if (t.seconds() < MIN_SECONDS || t.seconds() > MAX_SECONDS) {
            return null;
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.seconds(), t.microseconds() * 1000, ZoneOffset.UTC);
        int year = d.getYear();
        return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%06d+00%s", year > 0 ? year : 1 - year,
                d.getMonthValue(), d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond(), t.microseconds(),
                year > 0 ? "" : " BC");
    }

    /** The offset in minutes as swh-storage stores it in {@code *_offset} (a {@code smallint}). */
    static short offsetMinutes(Timestamp t) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, t.offsetMinutes()));
    }

    /** Whether swh-storage flags the offset "negative UTC": zero minutes, written with a minus sign. */
    static boolean negativeUtc(Timestamp t) {
        return t.offsetMinutes() == 0 && t.offset().length() > 0 && t.offset().toByteArray()[0] == '-';
    }

    static List<Header> headers(ResultSet rs) throws SQLException {
        List<byte[]> keys = byteArrays(rs.getArray("header_keys"));
        List<byte[]> values = byteArrays(rs.getArray("header_values"));
        List<Header> headers = new ArrayList<>(keys.size());
        for (int k = 0; k < keys.size(); k++) {
            headers.add(new Header(Bytes.wrap(keys.get(k)), Bytes.wrap(values.get(k))));
        }
        return headers;
    }

    static List<byte[]> byteArrays(Array array) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add((byte[]) o);
            }
        }
        return out;
    }

    static List<Long> longs(Array array) throws SQLException {
        List<Long> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add(((Number) o).longValue());
            }
        }
        return out;
    }

    static ObjectId id(ResultSet rs, String column) throws SQLException {
        return ObjectId.of(rs.getBytes(column));
    }

    static RevisionType revisionType(String name) {
        return switch (name) {
            case "git" -> RevisionType.GIT;
            case "tar" -> RevisionType.TAR;
            case "dsc" -> RevisionType.DSC;
            case "svn" -> RevisionType.SUBVERSION;
            case "hg" -> RevisionType.MERCURIAL;
            case "cvs" -> RevisionType.CVS;
            case "bzr" -> RevisionType.BAZAAR;
            default -> throw new IllegalArgumentException("unknown revision type '" + name + "'");
        };
    }

    static String revisionType(RevisionType type) {
        return switch (type) {
            case GIT -> "git";
            case TAR -> "tar";
            case DSC -> "dsc";
            case SUBVERSION -> "svn";
            case MERCURIAL -> "hg";
            case CVS -> "cvs";
            case BAZAAR -> "bzr";
        };
    }

    static ObjectType objectType(String name) {
        return switch (name) {
            case "content" -> ObjectType.CONTENT;
            case "directory" -> ObjectType.DIRECTORY;
            case "revision" -> ObjectType.REVISION;
            case "release" -> ObjectType.RELEASE;
            case "snapshot" -> ObjectType.SNAPSHOT;
            default -> throw new IllegalArgumentException("unknown object type '" + name + "'");
        };
    }

    static String objectType(ObjectType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static byte[][] toArray(List<ObjectId> ids) {
        byte[][] out = new byte[ids.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).toByteArray();
        }
        return out;
    }
}
