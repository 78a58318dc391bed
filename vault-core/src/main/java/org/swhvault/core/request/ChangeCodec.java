package org.swhvault.core.request;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.Lease;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.Swhid;

/**
 * The binary form of a {@link Change} in a journal record. Enums are written by name and SWHIDs as text,
 * so the format does not depend on declaration order.
 */
final class ChangeCodec {
    private static final int PUT_ROW = 1;
    private static final int DELETE_ROW = 2;
    private static final int PUT_BATCH = 3;
    private static final int COUNTERS = 4;

    private ChangeCodec() {
    }

    static byte[] encode(Change change) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (change instanceof Change.PutRow put) {
                out.writeByte(PUT_ROW);
                writeRow(out, put.row());
            } else if (change instanceof Change.DeleteRow delete) {
                out.writeByte(DELETE_ROW);
                out.writeLong(delete.id());
            } else if (change instanceof Change.PutBatch batch) {
                out.writeByte(PUT_BATCH);
                out.writeLong(batch.id());
                out.writeInt(batch.keys().size());
                for (BundleKey key : batch.keys()) {
                    writeKey(out, key);
                }
            } else if (change instanceof Change.Counters counters) {
                out.writeByte(COUNTERS);
                out.writeLong(counters.nextRequestId());
                out.writeLong(counters.nextBatchId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a record whose checksum matched.
     *
     * @throws IOException if the record is not a change this version understands
     */
    static Change decode(byte[] record) throws IOException {
        try {
            return decodeUnchecked(record);
        } catch (RuntimeException e) {
            throw new IOException("invalid journal record: " + e.getMessage(), e);
        }
    }

    private static Change decodeUnchecked(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        int tag = in.readUnsignedByte();
        Change change = switch (tag) {
            case PUT_ROW -> new Change.PutRow(readRow(in));
            case DELETE_ROW -> new Change.DeleteRow(in.readLong());
            case PUT_BATCH -> {
                long id = in.readLong();
                int n = in.readInt();
                List<BundleKey> keys = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    keys.add(readKey(in));
                }
                yield new Change.PutBatch(id, keys);
            }
            case COUNTERS -> new Change.Counters(in.readLong(), in.readLong());
            default -> throw new IOException("unknown journal record type " + tag);
        };
        if (in.available() != 0) {
            throw new IOException("journal record of type " + tag + " has " + in.available() + " extra bytes");
        }
        return change;
    }

    private static void writeRow(DataOutputStream out, BundleRequest row) throws IOException {
        out.writeLong(row.id());
        writeKey(out, row.key());
        out.writeLong(row.version());
        writeString(out, row.state().apiName());
        writeOptionalString(out, row.progressMessage());
        writeOptionalString(out, row.failure().map(Enum::name));
        out.writeInt(row.attempts());
        writeInstant(out, row.created());
        writeOptionalInstant(out, row.done());
        writeInstant(out, row.lastAccess());
        out.writeBoolean(row.sticky());
        out.writeBoolean(row.lease().isPresent());
        if (row.lease().isPresent()) {
            writeString(out, row.lease().get().owner());
            writeInstant(out, row.lease().get().expires());
        }
        writeOptionalInstant(out, row.retryAt());
        out.writeInt(row.notifyEmails().size());
        for (String email : row.notifyEmails()) {
            writeString(out, email);
        }
    }

    private static BundleRequest readRow(DataInputStream in) throws IOException {
        long id = in.readLong();
        BundleKey key = readKey(in);
        long version = in.readLong();
        String stateName = readString(in);
        RequestState state = RequestState.fromApiName(stateName)
                .orElseThrow(() -> new IOException("unknown request state " + stateName));
        Optional<String> progress = readOptionalString(in);
        Optional<ErrorCode> failure = readOptionalString(in).map(ErrorCode::valueOf);
        int attempts = in.readInt();
        Instant created = readInstant(in);
        Optional<Instant> done = readOptionalInstant(in);
        Instant lastAccess = readInstant(in);
        boolean sticky = in.readBoolean();
        Optional<Lease> lease = in.readBoolean()
                ? Optional.of(new Lease(readString(in), readInstant(in)))
                : Optional.empty();
        Optional<Instant> retryAt = readOptionalInstant(in);
        int n = in.readInt();
        List<String> emails = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            emails.add(readString(in));
        }
        return new BundleRequest(id, key, version, state, progress, failure, attempts, created, done,
                lastAccess, sticky, lease, retryAt, emails);
    }

    private static void writeKey(DataOutputStream out, BundleKey key) throws IOException {
        writeString(out, key.format());
        writeString(out, key.swhid().toString());
    }

    private static BundleKey readKey(DataInputStream in) throws IOException {
        String type = readString(in);
        String swhid = readString(in);
        return BundleKey.formatOf(type, Swhid.parse(swhid))
                .orElseThrow(() -> new IOException("unknown bundle format " + type));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("string length " + n + " is out of the record");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void writeOptionalString(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) {
            writeString(out, s.get());
        }
    }

    private static Optional<String> readOptionalString(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeOptionalInstant(DataOutputStream out, Optional<Instant> t) throws IOException {
        out.writeBoolean(t.isPresent());
        if (t.isPresent()) {
            writeInstant(out, t.get());
        }
    }

    private static Optional<Instant> readOptionalInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readInstant(in)) : Optional.empty();
    }
}
