package org.swhvault.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

import static java.util.Objects.requireNonNull;

/**
 * The msgpack codec of Software Heritage's RPC protocol, as swh-core's {@code msgpack_dumps} and
 * {@code msgpack_loads} write and read it ({@code swh/core/api/serializers.py}): strings as str, bytes as bin,
 * datetimes as msgpack Timestamps (extension -1), integers beyond 64 bits as extensions 1 (positive) and 2
 * (negative) holding the big-endian magnitude, and every other type as an extra type, the map
 * {@code {b"swhtype": name, b"d": payload}}. A codec knows swh-core's own extra types ({@code uuid},
 * {@code timedelta}, {@code paged_result}, {@code exception}, and the legacy {@code datetime} it still reads);
 * services add theirs with {@link #with}.
 *
 * <p>Values decode to {@code null}, {@link Boolean}, {@link Long} (or {@link java.math.BigInteger} beyond it),
 * {@link Double}, {@link String}, {@link org.swhvault.spi.model.Bytes} (bin), unmodifiable {@link List}s,
 * unmodifiable {@link Map}s in message order whose keys are decoded values too (str keys are {@link String}s,
 * bin keys {@link org.swhvault.spi.model.Bytes}), {@link java.time.Instant} (Timestamps),
 * {@link java.time.OffsetDateTime} or {@link java.time.LocalDateTime} (the legacy {@code datetime}, aware or
 * naive), {@link Duration}, {@link UUID}, {@link PagedResult}, {@link ExceptionBody}, the values of added
 * extra types, and {@link ExtraValue} for an extra type the codec does not know. The same types are written,
 * plus {@link Integer}, {@code byte[]}, {@link java.time.OffsetDateTime} and {@link java.time.ZonedDateTime}
 * (as Timestamps of their instant).
 *
 * <p>Immutable and thread-safe. Decoding never allocates more than the bytes it has read justify, so a length
 * prefix that lies costs nothing.
 */
public final class SwhMsgpack {
    /** The media type of msgpack bodies, as swh-core's clients and servers send it. */
    public static final String CONTENT_TYPE = "application/x-msgpack";

    private static final SwhMsgpack CORE = new SwhMsgpack(List.of(CoreTypes.UUID_TYPE, CoreTypes.TIMEDELTA,
            PagedResult.TYPE, ExceptionBody.TYPE, CoreTypes.LEGACY_DATETIME));

    private final List<ExtraType<?>> types;
    private final Map<String, ExtraType<?>> byName;

    private SwhMsgpack(List<ExtraType<?>> types) {
        this.types = List.copyOf(types);
        Map<String, ExtraType<?>> names = new LinkedHashMap<>();
        for (ExtraType<?> t : types) {
            names.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    /** Returns the codec of swh-core's own types. */
    public static SwhMsgpack core() {
        return CORE;
    }

    /**
     * Returns a codec that also knows {@code extra}, as a service's {@code extra_type_encoders} and
     * {@code extra_type_decoders} extend swh-core's: a value is written as the first type (swh-core's, then
     * these, in order) that applies to it, and a name added later replaces an earlier decoder of that name.
     *
     * @param extra the added types
     * @return a new codec
     */
    public SwhMsgpack with(ExtraType<?>... extra) {
        List<ExtraType<?>> all = new ArrayList<>(types);
        all.addAll(Arrays.asList(extra));
        return new SwhMsgpack(all);
    }

    /**
     * Returns an unpacker over {@code in} that reports text which is not UTF-8 instead of replacing it, as
     * Python does, for {@link #read}. The caller closes it.
     *
     * @param in the bytes
     * @return the unpacker
     */
    public static MessageUnpacker unpacker(InputStream in) {
        return config().newUnpacker(requireNonNull(in, "in is null"));
    }

    private static MessagePack.UnpackerConfig config() {
        return new MessagePack.UnpackerConfig().withActionOnMalformedString(CodingErrorAction.REPORT)
                .withActionOnUnmappableString(CodingErrorAction.REPORT);
    }

    /**
     * Decodes a whole message: exactly one value, nothing after it.
     *
     * @param message the bytes
     * @return the value
     * @throws MalformedMessageException if the bytes are not one value swh-core could have written
     */
    public Object decode(byte[] message) throws MalformedMessageException {
        requireNonNull(message, "message is null");
        try (MessageUnpacker in = config().newUnpacker(message)) {
            Object value = read(in);
            if (in.hasNext()) {
                throw new MalformedMessageException("extra bytes follow the message at byte " + in.getTotalReadBytes());
            }
            return value;
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedMessageException("the message is cut short: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the next value of {@code in}, for messages read as they arrive (one element of a long array at a
     * time).
     *
     * @param in an unpacker, best made by {@link #unpacker}
     * @return the value
     * @throws MalformedMessageException if the bytes are not a value swh-core could have written
     * @throws IOException if reading fails or the input ends first
     */
    public Object read(MessageUnpacker in) throws IOException {
        return new MsgpackReader(in, byName).value(0);
    }

    /**
     * Encodes a value as swh-core's {@code msgpack_dumps} does.
     *
     * @param value the value, of the types the class documentation lists
     * @return the message
     * @throws IllegalArgumentException if a value (or one inside it) has a type the codec cannot write
     */
    public byte[] encode(Object value) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            write(out, value);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a buffer packer failed", e);
        }
    }

    /**
     * Writes a value to {@code out}, for messages written as they go.
     *
     * @param out the packer (flushed by the caller)
     * @param value the value
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if a value has a type the codec cannot write
     */
    public void write(MessagePacker out, Object value) throws IOException {
        new MsgpackWriter(out, types).value(value);
    }

    /**
     * Returns the header of a msgpack bin of {@code length} bytes (bin 8, 16 or 32, the smallest that holds it,
     * as every msgpack writer chooses), for answers that stream a blob after it instead of building the message.
     *
     * @param length the number of bytes that follow
     * @return the header, 2, 3 or 5 bytes
     * @throws IllegalArgumentException if {@code length} is negative or over 4 GiB - 1, the most a bin holds
     */
    public static byte[] binHeader(long length) {
        if (length < 0 || length > 0xffffffffL) {
            throw new IllegalArgumentException("a msgpack bin holds 0 to 4294967295 bytes, not " + length);
        }
        if (length < 1 << 8) {
            return new byte[] {(byte) 0xc4, (byte) length};
        }
        if (length < 1 << 16) {
            return new byte[] {(byte) 0xc5, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0xc6, (byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8),
                (byte) length};
    }

    /** swh-core's own extra types besides paged results and exceptions. */
    private static final class CoreTypes {
        static final ExtraType<UUID> UUID_TYPE = ExtraType.of("uuid", UUID.class, UUID::toString,
                v -> UUID.fromString((String) v));
        static final ExtraType<Duration> TIMEDELTA = ExtraType.of("timedelta", Duration.class, Timedelta::toMap,
                Timedelta::fromMap);
        static final ExtraType<Object> LEGACY_DATETIME = ExtraType.decodeOnly("datetime", v -> IsoDates.parse((String) v));
    }
}
