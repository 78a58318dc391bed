package org.swhvault.swhrpc;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swhvault.spi.model.Bytes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec against byte vectors that swh-core's encoder wrote ({@code core-vectors.json}, from
 * {@code gen_core_vectors.py}, checked against swh-core's own {@code msgpack_dumps}): each decodes into the
 * expected Java value, and that value encodes back to the same bytes.
 */
class SwhMsgpackVectorsTest {
    private static final SwhMsgpack CODEC = SwhMsgpack.core();
    private static Map<String, String> vectors;
    private static String bin32Prefix;

    @BeforeAll
    static void readVectors() throws IOException {
        String json;
        try (InputStream in = SwhMsgpackVectorsTest.class.getResourceAsStream("core-vectors.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        vectors = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\": \"([0-9a-f]*)\"").matcher(json);
        while (m.find()) {
            vectors.put(m.group(1), m.group(2));
        }
        bin32Prefix = vectors.remove("bin32_prefix");
    }

    static byte[] vector(String name) {
        assertThat(vectors).containsKey(name);
        return HexFormat.of().parseHex(vectors.get(name));
    }

    /** Decodes the vector into {@code expected} and encodes {@code expected} into the vector. */
    static void roundTrip(String name, Object expected) throws IOException {
        byte[] bytes = vector(name);
        Object decoded = CODEC.decode(bytes);
        assertThat(decoded).as(name).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(CODEC.encode(expected))).as(name).isEqualTo(vectors.get(name));
    }

    static Bytes bytes(String s) {
        return Bytes.utf8(s);
    }

    @SafeVarargs
    static <K, V> Map<K, V> map(Object... keysAndValues) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            K k = (K) keysAndValues[i];
            @SuppressWarnings("unchecked")
            V v = (V) keysAndValues[i + 1];
            m.put(k, v);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    @Test
    void keywordArgumentsAreAMapOfStrKeys() throws IOException {
        byte[] id = new byte[20];
        for (int i = 0; i < 20; i++) {
            id[i] = (byte) i;
        }
        Map<String, Object> kwargs = map("directory_id", Bytes.of(id), "page_token", null, "limit", 1000L);
        roundTrip("kwargs", kwargs);
        assertThat(new ArrayList<Object>(((Map<?, ?>) CODEC.decode(vector("kwargs"))).keySet())).containsExactly("directory_id", "page_token",
                "limit");
    }

    @Test
    void integersTakeTheSmallestFormAndLongsStopAt64Bits() throws IOException {
        BigInteger two = BigInteger.TWO;
        roundTrip("ints", list(0L, 1L, 127L, 128L, 255L, 256L, 65535L, 65536L, 4294967295L, 4294967296L,
                Long.MAX_VALUE, two.pow(63), two.pow(64).subtract(BigInteger.ONE), -1L, -32L, -33L, -128L, -129L,
                -32768L, -32769L, -2147483648L, -2147483649L, Long.MIN_VALUE));
        assertThat(HexFormat.of().formatHex(CODEC.encode(list(0, (short) 1, (byte) 127, 128, 255, 256, 65535, 65536,
                4294967295L, 4294967296L, Long.MAX_VALUE, two.pow(63), two.pow(64).subtract(BigInteger.ONE), -1, -32,
                -33, -128, -129, -32768, -32769, -2147483648, -2147483649L, Long.MIN_VALUE))))
                .isEqualTo(vectors.get("ints"));
    }

    @Test
    void integersBeyond64BitsAreExtensionsOneAndTwo() throws IOException {
        BigInteger two = BigInteger.TWO;
        roundTrip("big_ints", list(two.pow(64), two.pow(100).add(BigInteger.valueOf(7)),
                BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), two.pow(80).negate()));
    }

    @Test
    void scalars() throws IOException {
        roundTrip("floats", list(1.5, -0.25, 1e300));
        roundTrip("strings", list("", "a".repeat(31), "b".repeat(32), "é".repeat(200), "ünïcödé ✓"));
        roundTrip("bytes", list(Bytes.EMPTY, Bytes.of(new byte[] {0, (byte) 0xff}), bytes("x".repeat(300))));
        roundTrip("bool_nil", list(true, false, null));
    }

    @Test
    void datetimesAreMsgpackTimestampsOfTheirInstant() throws IOException {
        roundTrip("datetimes", list(Instant.parse("2025-01-02T03:04:05.678901Z"), Instant.parse("2025-01-02T03:04:05Z"),
                Instant.parse("1969-12-31T23:59:59.500Z"), Instant.parse("2500-01-01T00:00:00Z"),
                Instant.parse("2025-01-02T03:04:05Z")));
        OffsetDateTime twoHoursEast = OffsetDateTime.of(2025, 1, 2, 5, 4, 5, 0, ZoneOffset.ofHours(2));
        byte[] all = CODEC.encode(list(Instant.parse("2025-01-02T03:04:05.678901Z"),
                Instant.parse("2025-01-02T03:04:05Z"), Instant.parse("1969-12-31T23:59:59.500Z"),
                Instant.parse("2500-01-01T00:00:00Z"), twoHoursEast));
        assertThat(HexFormat.of().formatHex(all)).isEqualTo(vectors.get("datetimes"));
    }

    @Test
    void swhCoreExtraTypes() throws IOException {
        roundTrip("uuid", UUID.fromString("7d5d6a3c-1b2e-4f00-9a8b-0123456789ab"));
        roundTrip("timedeltas", list(Duration.ofDays(1).plusSeconds(2).plusNanos(3000), Duration.ofNanos(-1000),
                Duration.ZERO));
        roundTrip("paged_result", new PagedResult(list(bytes("a"), bytes("b")), bytes("c"), null));
        roundTrip("last_page", new PagedResult(list(), null, 2L));
        roundTrip("exception", new ExceptionBody("ValueError", "builtins", list("boom", 3L), "('boom', 3)",
                list("ValueError: ('boom', 3)\n")));
    }

    @Test
    void anErrorBodyIsAPlainMapThatReadsAsAnException() throws IOException {
        ExceptionBody body = new ExceptionBody("ValueError", "builtins", list("Unsupported page token"),
                "Unsupported page token", list("ValueError: Unsupported page token\n"));
        assertThat(ExceptionBody.from(CODEC.decode(vector("error_body")))).contains(body);
        assertThat(HexFormat.of().formatHex(CODEC.encode(body.toMap()))).isEqualTo(vectors.get("error_body"));
        assertThat(body).hasToString("ValueError: Unsupported page token");
    }

    @Test
    void mapsKeepTheirOrderAndBinKeys() throws IOException {
        roundTrip("bin_keys", map(bytes("refs/heads/main"), map("target", Bytes.of(new byte[20]), "n", 1L),
                bytes("HEAD"), null, "str", bytes("v")));
        roundTrip("nested", list(list(list()), map(), list(map("a", list((Object) null)))));
    }

    @Test
    void legacyDatetimesAndUnknownExtraTypesAreRead() throws IOException {
        assertThat(CODEC.decode(vector("legacy_datetime")))
                .isEqualTo(OffsetDateTime.of(2015, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
        assertThat(CODEC.decode(vector("legacy_naive_datetime")))
                .isEqualTo(LocalDateTime.of(2015, 1, 1, 12, 0, 0, 500_000_000));
        roundTrip("unknown_extra_type", new ExtraValue("future_type", list(1L, 2L)));
    }

    @Test
    void largeBinariesTakeTheBin32Form() throws IOException {
        byte[] big = CODEC.encode(Bytes.of(new byte[65536]));
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(big, 5))).isEqualTo(bin32Prefix);
        assertThat(CODEC.decode(big)).isEqualTo(Bytes.of(new byte[65536]));
        for (int n : new int[] {0, 255, 256, 65535, 65536}) {
            byte[] header = SwhMsgpack.binHeader(n);
            assertThat(header).isEqualTo(Arrays.copyOf(CODEC.encode(Bytes.of(new byte[n])), header.length));
        }
        assertThat(HexFormat.of().formatHex(SwhMsgpack.binHeader(65536))).isEqualTo(bin32Prefix);
    }
}
