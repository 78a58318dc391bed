package org.swhvault.swhrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.swhvault.spi.model.Bytes;

/** Reads one value as swh-core's {@code msgpack_loads} does; one reader per value. */
final class MsgpackReader {
    /** Deeper than any message swh-core writes, shallow enough for any thread's stack. */
    private static final int MAX_DEPTH = 512;
    /** Payloads are read in chunks of this size, so a lying length prefix allocates nothing more. */
    private static final int CHUNK = 1 << 16;
    private static final Bytes SWHTYPE = Bytes.utf8("swhtype");
    private static final Bytes D = Bytes.utf8("d");

    private final MessageUnpacker in;
    private final Map<String, ExtraType<?>> types;

    MsgpackReader(MessageUnpacker in, Map<String, ExtraType<?>> types) {
        this.in = in;
        this.types = types;
    }

    Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new MalformedMessageException("values nest deeper than " + MAX_DEPTH + " levels");
        }
        try {
            MessageFormat format = in.getNextFormat();
            switch (format.getValueType()) {
                case NIL:
                    in.unpackNil();
                    return null;
                case BOOLEAN:
                    return in.unpackBoolean();
                case INTEGER:
                    return format == MessageFormat.UINT64 ? integer(in.unpackBigInteger()) : (Object) in.unpackLong();
                case FLOAT:
                    return in.unpackDouble();
                case STRING:
                    return text(payload(in.unpackRawStringHeader()));
                case BINARY:
                    return Bytes.wrap(payload(in.unpackBinaryHeader()));
                case ARRAY:
                    return array(in.unpackArrayHeader(), depth);
                case MAP:
                    return map(in.unpackMapHeader(), depth);
                case EXTENSION:
                    return extension(in.unpackExtensionTypeHeader());
                default:
                    throw new MalformedMessageException("byte " + in.getTotalReadBytes() + " starts no msgpack value");
            }
        } catch (MessageInsufficientBufferException e) {
            throw new MalformedMessageException("the message is cut short at byte " + in.getTotalReadBytes(), e);
        } catch (MessagePackException e) {
            throw new MalformedMessageException("not msgpack at byte " + in.getTotalReadBytes() + ": " + e.getMessage(),
                    e);
        }
    }

    private static Object integer(BigInteger n) {
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }

    private byte[] payload(int length) throws IOException {
        if (length < 0) {
            throw new MalformedMessageException("a length over 2 GiB at byte " + in.getTotalReadBytes());
        }
        if (length <= CHUNK) {
            return in.readPayload(length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        for (int left = length; left > 0; left -= CHUNK) {
            int n = Math.min(left, CHUNK);
            in.readPayload(chunk, 0, n);
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private String text(byte[] utf8) throws MalformedMessageException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("a str before byte " + in.getTotalReadBytes() + " is not UTF-8", e);
        }
    }

    private List<Object> array(int size, int depth) throws IOException {
        List<Object> list = new ArrayList<>(Math.min(Math.max(size, 0), 1024));
        for (long i = 0; i < Integer.toUnsignedLong(size); i++) {
            list.add(value(depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private Object map(int size, int depth) throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (long i = 0; i < Integer.toUnsignedLong(size); i++) {
            Object key = value(depth + 1);
            map.put(key, value(depth + 1));
        }
        if (map.size() == 2 && map.containsKey(SWHTYPE) && map.containsKey(D)
                && map.get(SWHTYPE) instanceof String name) {
            ExtraType<?> type = types.get(name);
            if (type == null) {
                return new ExtraValue(name, map.get(D));
            }
            try {
                return type.decode(map.get(D));
            } catch (RuntimeException e) {
                throw new MalformedMessageException("the extra type " + name + " before byte " + in.getTotalReadBytes()
                        + " has a payload of the wrong shape: " + e, e);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private Object extension(ExtensionTypeHeader header) throws IOException {
        if (header.getType() == -1) {
            return in.unpackTimestamp(header);
        }
        byte[] magnitude = payload(header.getLength());
        if (header.getType() == 1) {
            return integer(new BigInteger(1, magnitude));
        }
        if (header.getType() == 2) {
            return integer(new BigInteger(1, magnitude).negate());
        }
        throw new MalformedMessageException("unknown msgpack extension type " + header.getType() + " before byte "
                + in.getTotalReadBytes());
    }
}
