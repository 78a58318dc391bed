package org.swhvault.swhrpc;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.msgpack.core.MessagePacker;
import org.swhvault.spi.model.Bytes;

/** Writes values as swh-core's {@code msgpack_dumps} does ({@code use_bin_type=True, datetime=True}). */
final class MsgpackWriter {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final byte[] SWHTYPE = "swhtype".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] D = "d".getBytes(StandardCharsets.US_ASCII);

    private final MessagePacker out;
    private final List<ExtraType<?>> types;

    MsgpackWriter(MessagePacker out, List<ExtraType<?>> types) {
        this.out = out;
        this.types = types;
    }

    void value(Object v) throws IOException {
        if (v == null) {
            out.packNil();
        } else if (v instanceof Boolean b) {
            out.packBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.packLong(((Number) v).longValue());
        } else if (v instanceof BigInteger n) {
            integer(n);
        } else if (v instanceof Double || v instanceof Float) {
            out.packDouble(((Number) v).doubleValue());
        } else if (v instanceof String s) {
            out.packString(s);
        } else if (v instanceof Bytes b) {
            binary(b.toByteArray());
        } else if (v instanceof byte[] b) {
            binary(b);
        } else if (v instanceof Instant t) {
            out.packTimestamp(t);
        } else if (v instanceof OffsetDateTime t) {
            out.packTimestamp(t.toInstant());
        } else if (v instanceof ZonedDateTime t) {
            out.packTimestamp(t.toInstant());
        } else if (v instanceof List<?> list) {
            out.packArrayHeader(list.size());
            for (Object item : list) {
                value(item);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                value(e.getKey());
                value(e.getValue());
            }
        } else if (v instanceof ExtraValue x) {
            extra(x.type(), x.data());
        } else {
            for (ExtraType<?> type : types) {
                if (type.appliesTo(v)) {
                    extra(type.name(), type.payload(v));
                    return;
                }
            }
            throw new IllegalArgumentException("swh-core's codec cannot write a " + v.getClass().getName());
        }
    }

    /** Integers msgpack cannot hold become extension 1 or 2 with the magnitude's minimal big-endian bytes. */
    private void integer(BigInteger n) throws IOException {
        if (n.compareTo(MIN) >= 0 && n.compareTo(MAX) <= 0) {
            out.packBigInteger(n);
            return;
        }
        byte[] magnitude = n.abs().toByteArray();
        int skip = magnitude[0] == 0 ? 1 : 0;
        out.packExtensionTypeHeader((byte) (n.signum() > 0 ? 1 : 2), magnitude.length - skip);
        out.writePayload(magnitude, skip, magnitude.length - skip);
    }

    private void binary(byte[] b) throws IOException {
        out.packBinaryHeader(b.length);
        out.writePayload(b);
    }

    private void extra(String name, Object payload) throws IOException {
        out.packMapHeader(2);
        binary(SWHTYPE);
        out.packString(name);
        binary(D);
        value(payload);
    }
}
