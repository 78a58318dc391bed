package org.swhvault.source.swhpg;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
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
     * A date: {@code timestamptz} to the microsecond, and its offset as the original bytes when they were
     * kept ({@code *_offset_bytes}), else as minutes with the "negative UTC" flag (rows of old loaders).
     */
    static Optional<Timestamp> timestamp(ResultSet rs, String prefix) throws SQLException {
        OffsetDateTime t = rs.getObject(prefix, OffsetDateTime.class);
        if (t == null) {
            return Optional.empty();
        }
        Instant i = t.toInstant();
        int micros = i.getNano() / 1000;
        byte[] offset = rs.getBytes(prefix + "_offset_bytes");
        if (offset != null) {
            return Optional.of(new Timestamp(i.getEpochSecond(), micros, Bytes.wrap(offset)));
        }
        int minutes = rs.getInt(prefix + "_offset");
        boolean negUtc = rs.getBoolean(prefix + "_neg_utc_offset");
        return Optional.of(Timestamp.ofOffsetMinutes(i.getEpochSecond(), micros, minutes, negUtc));
    }

    /** Binds a date to {@code date, date_offset, date_neg_utc_offset, date_offset_bytes} from {@code i}. */
    static int bindTimestamp(PreparedStatement ps, int i, Optional<Timestamp> date) throws SQLException {
        if (date.isEmpty()) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setNull(i + 1, Types.SMALLINT);
            ps.setNull(i + 2, Types.BOOLEAN);
            ps.setNull(i + 3, Types.BINARY);
            return i + 4;
        }
        Timestamp t = date.get();
        Instant instant = Instant.ofEpochSecond(t.seconds(), t.microseconds() * 1000L);
        ps.setObject(i, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        int minutes;
        try {
            minutes = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, t.offsetMinutes()));
        } catch (RuntimeException e) {
            minutes = 0; // an offset git wrote but nobody can read: its bytes are kept below
        }
        ps.setShort(i + 1, (short) minutes);
        ps.setBoolean(i + 2, new String(t.offset().toByteArray(), StandardCharsets.ISO_8859_1).equals("-0000"));
        ps.setBytes(i + 3, t.offset().toByteArray());
        return i + 4;
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
