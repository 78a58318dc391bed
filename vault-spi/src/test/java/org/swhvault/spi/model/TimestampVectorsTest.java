package org.swhvault.spi.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Every timestamp vector of {@code swhid-vectors.json}. */
class TimestampVectorsTest {

    @Test
    void theVectorFileHasEveryTimestampCategory() {
        assertThat(Vectors.timestamps("format_date")).isNotEmpty();
        assertThat(Vectors.timestamps("normalize_dict")).isNotEmpty();
        assertThat(Vectors.timestamps("normalize_datetime")).isNotEmpty();
        assertThat(Vectors.timestamps("parse_offset_bytes")).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> formatDate() {
        return tests("format_date", v -> {
            Timestamp t = new Timestamp(v.get("seconds").asLong(), v.get("microseconds").asInt(), Bytes.utf8("+0000"));
            assertThat(t.format()).isEqualTo(v.get("expected").asText());
        });
    }

    @TestFactory
    Stream<DynamicTest> normalizeDict() {
        return tests("normalize_dict", v -> {
            JsonNode in = v.get("input");
            JsonNode ts = in.get("timestamp");
            long seconds = ts.isObject() ? ts.get("seconds").asLong() : ts.asLong();
            int micros = ts.isObject() ? ts.path("microseconds").asInt(0) : 0;
            Timestamp t = in.has("offset_bytes")
                    ? new Timestamp(seconds, micros, Vectors.b(in.get("offset_bytes")))
                    : Timestamp.ofOffsetMinutes(seconds, micros, in.get("offset").asInt(),
                            in.path("negative_utc").asBoolean(false));
            assertExpected(t, v.get("expected"));
        });
    }

    @TestFactory
    Stream<DynamicTest> normalizeDatetime() {
        return tests("normalize_datetime", v -> {
            String iso = v.get("input_iso8601").asText();
            JsonNode expected = v.get("expected");
            // java.time offsets stop at ±18:00 while the vectors go to ±23:59: split the text by hand.
            int split = iso.length() - 6;
            LocalDateTime local = LocalDateTime.parse(iso.substring(0, split));
            int sign = iso.charAt(split) == '-' ? -1 : 1;
            int minutes = sign * (Integer.parseInt(iso.substring(split + 1, split + 3)) * 60
                    + Integer.parseInt(iso.substring(split + 4)));
            Instant instant = local.toInstant(ZoneOffset.UTC).minusSeconds(minutes * 60L);
            Timestamp t = Timestamp.of(instant, minutes);
            assertExpected(t, expected);
            assertThat(t.offsetMinutes()).isEqualTo(expected.get("offset_minutes").asInt());
            assertThat(t.toInstant()).isEqualTo(instant);
            if (Math.abs(minutes) <= 18 * 60) {
                OffsetDateTime dt = OffsetDateTime.parse(iso);
                assertThat(Timestamp.of(dt)).isEqualTo(t);
                assertThat(Timestamp.of(dt.toZonedDateTime())).isEqualTo(t);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> parseOffsetBytes() {
        return tests("parse_offset_bytes", v -> {
            Timestamp t = new Timestamp(0, 0, Vectors.b(v.get("offset_bytes")));
            assertThat(t.offsetMinutes()).isEqualTo(v.get("expected_minutes").asInt());
        });
    }

    private static void assertExpected(Timestamp t, JsonNode expected) {
        assertThat(t.seconds()).isEqualTo(expected.get("seconds").asLong());
        assertThat(t.microseconds()).isEqualTo(expected.get("microseconds").asInt());
        assertThat(t.offset()).isEqualTo(Vectors.b(expected.get("offset_bytes")));
    }

    private static Stream<DynamicTest> tests(String category, Consumer<JsonNode> check) {
        List<DynamicTest> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : Vectors.timestamps(category)) {
            String name = category + " #" + (i++) + ": " + v;
            String shown = name.length() > 160 ? name.substring(0, 160) : name;
            out.add(DynamicTest.dynamicTest(shown, () -> check.accept(v)));
        }
        return out.stream();
    }
}
