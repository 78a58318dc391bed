package org.swhvault.spi.swhid;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** {@code swhid.construct_vectors}: build a qualified SWHID from fields, compare the canonical form. */
class SwhidConstructVectorsTest {
    @TestFactory
    Stream<DynamicTest> buildingFromFieldsGivesTheReferenceCanonicalFormOrAnError() {
        JsonNode vectors = SwhidVectors.SWHID.get("construct_vectors").get("vectors");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            JsonNode v = vectors.get(i);
            if (v.path("python_type_check_only").asBoolean(false)) {
                continue; // only exists because Python is dynamically typed
            }
            tests.add(dynamicTest("construct_vectors[" + i + "] " + v.get("qualifiers"), () -> {
                if (v.has("expected")) {
                    Swhid built = build(v);
                    assertThat(built.toString()).isEqualTo(v.get("expected").asText());
                    assertThat(Swhid.parse(built.toString())).isEqualTo(built);
                } else {
                    assertThatThrownBy(() -> build(v)).isInstanceOfAny(
                            IllegalArgumentException.class, NullPointerException.class, InvalidSwhidException.class);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(19);
        return tests.stream();
    }

    private static Swhid build(JsonNode v) {
        ObjectType type = ObjectType.fromTag(v.get("object_type").asText()).orElseThrow();
        ObjectId id = ObjectId.fromHex(v.get("object_id").asText());
        JsonNode q = v.get("qualifiers");
        Qualifiers.Builder b = Qualifiers.builder();
        q.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            switch (e.getKey()) {
                case "origin" -> b.origin(value.isNull() ? null : value.asText());
                case "visit" -> b.visit(value.isNull() ? null : swhid(value));
                case "anchor" -> b.anchor(value.isNull() ? null : swhid(value));
                case "path" -> b.path(value.isTextual() ? Bytes.utf8(value.asText()) : SwhidVectors.bytes(value.get("bytes")));
                case "lines" -> b.lines(range(value.get("tuple")));
                default -> throw new AssertionError("unknown qualifier in vector: " + e.getKey());
            }
        });
        return new Swhid(type, id, b.build());
    }

    /** A core SWHID given as a string (parsed, as the reference does) or as a CoreSWHID object. */
    private static Swhid swhid(JsonNode value) {
        return Swhid.parseCore(value.isTextual() ? value.asText() : value.get("core_swhid_object").asText());
    }

    private static Range range(JsonNode tuple) {
        BigInteger start = tuple.get(0).isNull() ? null : tuple.get(0).bigIntegerValue();
        JsonNode end = tuple.get(1);
        return new Range(start, end.isNull() ? Optional.empty() : Optional.of(end.bigIntegerValue()));
    }
}
