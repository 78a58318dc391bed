package org.swhvault.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.swhrpc.SwhMsgpack;
import org.swhvault.swhrpc.SwhidTypes;

/**
 * The bodies of swh-core's RPC protocol, as its serializers write and read them (swh-core
 * {@code swh/core/api/serializers.py}), with swh-vault's extra type for SWHIDs: msgpack ({@code use_bin_type},
 * datetimes as msgpack Timestamps, integers beyond 64 bits as extension types 1 and 2, extra types as a map of
 * the binary keys {@code swhtype} and {@code d}) and JSON (extra types as a map of {@code swhtype} and {@code d},
 * datetimes in ISO 8601, bytes in base 85). Decoded values are {@code null}, {@link Boolean}, {@link Long},
 * {@link BigInteger}, {@link Double}, {@link String}, {@code byte[]}, {@link List}, {@link Map} with string keys,
 * {@link Swhid} (extra type {@code core_swhid}), {@link Instant} and {@link Duration} ({@code timedelta});
 * the same types are encoded, and maps keep their order. Stateless.
 */
final class RpcCodec {
    static final String MSGPACK = "application/x-msgpack";
    static final String JSON = "application/json";
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    /** swh-core's msgpack encoding with core SWHIDs, shared with the swh-storage RPC client. */
    private static final SwhMsgpack MSGPACK_CODEC = SwhMsgpack.core().with(SwhidTypes.CORE);
    private static final byte[] SWHTYPE = "swhtype".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] D = "d".getBytes(StandardCharsets.US_ASCII);

    private RpcCodec() {
    }

    // --- msgpack ---

    static Object readMsgpack(byte[] body) throws IOException {
        return MSGPACK_CODEC.decode(body);
    }

    /** Decodes swh-core's and swh-vault's extra types; an unknown one stays a map, as swh-core leaves it. */
    private static Object extra(String type, Object data) {
        switch (type) {
            case "core_swhid":
                return Swhid.parse((String) data);
            case "timedelta": {
                @SuppressWarnings("unchecked")
                Map<String, Object> d = (Map<String, Object>) data;
                return Duration.ofDays(number(d.get("days"))).plusSeconds(number(d.get("seconds")))
                        .plusNanos(number(d.get("microseconds")) * 1000);
            }
            case "datetime":
                return OffsetDateTime.parse((String) data).toInstant();
            case "bytes":
                return Base85.decode((String) data);
            default:
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("swhtype", type);
                m.put("d", data);
                return m;
        }
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static byte[] writeMsgpack(Object value) {
        return MSGPACK_CODEC.encode(value);
    }

    // --- JSON ---

    static Object readJson(byte[] body) throws IOException {
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new IOException("the body holds no JSON value");
            }
            return fromJson(parser);
        } catch (JsonProcessingException e) {
            // Jackson's own message names its internals ("[Source: REDACTED (`StreamReadFeature…`)"): say where only
            JsonLocation at = e.getLocation();
            throw new IOException("the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")"), e);
        }
    }

    private static Object fromJson(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                return p.getText();
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(fromJson(p));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, fromJson(p));
                }
                if (map.size() == 2 && map.get("swhtype") instanceof String type && map.containsKey("d")) {
                    return extra(type, map.get("d"));
                }
                return map;
            }
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    static byte[] writeJson(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            json(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void json(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof byte[] bytes) {
            extraJson(g, "bytes", Base85.encode(bytes));
        } else if (v instanceof Instant t) {
            extraJson(g, "datetime", isoformat(t));
        } else if (v instanceof Swhid swhid) {
            extraJson(g, "core_swhid", swhid.toString());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                json(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                json(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("cannot encode " + v.getClass().getName());
        }
    }

    /** What Python's {@code datetime.isoformat()} writes for a UTC datetime: microseconds, six digits or none. */
    static String isoformat(Instant t) {
        OffsetDateTime utc = OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
        return DateTimeFormatter.ofPattern(utc.getNano() / 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
                .format(utc) + "+00:00";
    }

    private static void extraJson(JsonGenerator g, String type, String data) throws IOException {
        g.writeStartObject();
        g.writeStringField("swhtype", type);
        g.writeStringField("d", data);
        g.writeEndObject();
    }

    /** Python's base64.b85encode / b85decode (the RFC 1924 alphabet), as swh-core's JSON writes bytes. */
    static final class Base85 {
        private static final char[] ALPHABET =
                "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~".toCharArray();

        private Base85() {
        }

        static String encode(byte[] bytes) {
            StringBuilder out = new StringBuilder();
            int padding = (4 - bytes.length % 4) % 4;
            for (int i = 0; i < bytes.length; i += 4) {
                long word = 0;
                for (int j = 0; j < 4; j++) {
                    word = word << 8 | (i + j < bytes.length ? bytes[i + j] & 0xff : 0);
                }
                char[] chunk = new char[5];
                for (int j = 4; j >= 0; j--) {
                    chunk[j] = ALPHABET[(int) (word % 85)];
                    word /= 85;
                }
                out.append(chunk);
            }
            return out.substring(0, out.length() - padding);
        }

        /** Returns how many characters {@link #encode} writes for {@code n} bytes. */
        static long encodedLength(long n) {
            long rest = n % 4;
            return n / 4 * 5 + (rest == 0 ? 0 : rest + 1);
        }

        /**
         * Returns a stream of the base 85 text of {@code in}'s bytes, encoded as it is read, so that a bundle of
         * any size goes out in JSON without being held in memory.
         */
        static java.io.InputStream encoding(java.io.InputStream in) {
            return new java.io.InputStream() {
                private final byte[] group = new byte[4];
                private final byte[] chars = new byte[5];
                private int next = 5;
                private int available = 0;

                @Override
                public int read() throws IOException {
                    if (next >= available && !fill()) {
                        return -1;
                    }
                    return chars[next++];
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = 0;
                    while (n < len) {
                        if (next >= available && !fill()) {
                            break;
                        }
                        int k = Math.min(len - n, available - next);
                        System.arraycopy(chars, next, b, off + n, k);
                        next += k;
                        n += k;
                    }
                    return n == 0 && len > 0 ? -1 : n;
                }

                private boolean fill() throws IOException {
                    int got = in.readNBytes(group, 0, 4);
                    if (got == 0) {
                        return false;
                    }
                    String text = encode(java.util.Arrays.copyOf(group, got));
                    for (int i = 0; i < text.length(); i++) {
                        chars[i] = (byte) text.charAt(i);
                    }
                    next = 0;
                    available = text.length();
                    return true;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        static byte[] decode(String text) {
            int padding = (5 - text.length() % 5) % 5;
            String padded = text + "~".repeat(padding);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < padded.length(); i += 5) {
                long word = 0;
                for (int j = 0; j < 5; j++) {
                    int digit = new String(ALPHABET).indexOf(padded.charAt(i + j));
                    if (digit < 0) {
                        throw new IllegalArgumentException("bad base85 character " + padded.charAt(i + j));
                    }
                    word = word * 85 + digit;
                }
                for (int j = 3; j >= 0; j--) {
                    out.write((int) (word >>> (8 * j)) & 0xff);
                }
            }
            byte[] all = out.toByteArray();
            return java.util.Arrays.copyOf(all, all.length - padding);
        }
    }
}
