package org.swhvault.spi.swhid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.swhvault.spi.swhid.SwhidParser.Mode;
import org.swhvault.spi.swhid.SwhidVectors.StringVector;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every string vector of {@code swhid-vectors.json}, for every SWHID class it records (core,
 * qualified, extended), in both modes. The vectors hold swh-model's verdicts: lenient mode must give
 * the same; strict mode too, except where the tables below say otherwise and why.
 */
class SwhidVectorsTest {
    private static final String CNT = "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2";

    /** Inputs swh-model accepts as qualified SWHIDs and strict mode rejects, with the reason. */
    static final Map<String, String> STRICT_REJECTS = Map.ofEntries(
            entry(CNT + ";lines=0", "ISO 18670: line numbers start at 1 (test suite: lines_zero)"),
            entry(CNT + ";lines=3-2", "ISO 18670: reversed range (test suite: invalid_lines_range)"),
            entry(CNT + ";lines=+5", "numbers are ASCII digits: no sign (Python int() quirk)"),
            entry(CNT + ";lines=1_0", "numbers are ASCII digits: no '_' (Python int() quirk)"),
            entry(CNT + ";lines=\u0665", "numbers are ASCII digits: no other scripts (Python int() quirk)"),
            entry(CNT + ";path=/file%GZname.txt", "malformed percent-escape (test suite: bad_percent_encoding)"),
            entry(CNT + ";path=/a;path=/b", "ISO 18670: each qualifier at most once (test suite: duplicate_qualifier)"),
            entry(CNT + ";origin=%FF", "origin escapes must be UTF-8: the reference silently decodes them to U+FFFD"));

    /** Inputs swh-model rejects as qualified SWHIDs and strict mode accepts, with the canonical form. */
    static final Map<String, String> STRICT_ACCEPTS = Map.of(
            CNT + ";bytes=1-2", CNT + ";bytes=1-2",
            "swh:1:cnt:4d99d2d18326621ccdd70f5ea66c2e2ac236ad8b;bytes=154-315",
            "swh:1:cnt:4d99d2d18326621ccdd70f5ea66c2e2ac236ad8b;bytes=154-315");

    /**
     * Inputs whose canonical form differs from swh-model's in both modes: the reference writes a
     * decoded space raw, so its output does not parse; we percent-encode whitespace in origins.
     */
    static final Map<String, String> CANONICAL_DIFFERS = Map.of(
            CNT + ";origin=https://example.org/a%20b", CNT + ";origin=https://example.org/a%20b");

    @TestFactory
    Stream<DynamicTest> lenientModeGivesSwhModelsVerdictOnEveryVector() {
        return tests(Mode.LENIENT);
    }

    @TestFactory
    Stream<DynamicTest> strictModeGivesSwhModelsVerdictExceptTheDocumentedDivergences() {
        return tests(Mode.STRICT);
    }

    @TestFactory
    Stream<DynamicTest> parseAcceptsWhatTheQualifiedOrTheExtendedClassAccepts() {
        List<DynamicTest> tests = new ArrayList<>();
        for (StringVector v : SwhidVectors.stringVectors()) {
            if (v.qualified() == null || v.extended() == null) {
                continue;
            }
            tests.add(dynamicTest(v.toString(), () -> {
                boolean accepted = !SwhidVectors.isError(v.qualified()) || !SwhidVectors.isError(v.extended());
                if (accepted) {
                    JsonNode result = SwhidVectors.isError(v.qualified()) ? v.extended() : v.qualified();
                    assertThat(Swhid.parse(v.string(), Mode.LENIENT)).isEqualTo(SwhidVectors.expectedSwhid(result));
                } else {
                    assertThatThrownBy(() -> Swhid.parse(v.string(), Mode.LENIENT)).isInstanceOf(InvalidSwhidException.class);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void theVectorFileHasAllTheSetsWeRelyOn() {
        List<StringVector> all = SwhidVectors.stringVectors();
        assertThat(all.stream().filter(v -> v.set().equals("parse_vectors"))).hasSizeGreaterThanOrEqualTo(59);
        assertThat(all.stream().filter(v -> v.set().equals("edge_cases_reference_behaviour"))).hasSizeGreaterThanOrEqualTo(52);
        assertThat(all.stream().filter(v -> v.set().equals("examples"))).hasSizeGreaterThanOrEqualTo(13);
    }

    @Test
    void everyDivergenceNamesAVectorOfTheFile() {
        List<String> strings = SwhidVectors.stringVectors().stream().map(StringVector::string).toList();
        assertThat(strings).containsAll(STRICT_REJECTS.keySet());
        assertThat(strings).containsAll(STRICT_ACCEPTS.keySet());
        assertThat(strings).containsAll(CANONICAL_DIFFERS.keySet());
    }

    private static Stream<DynamicTest> tests(Mode mode) {
        SwhidParser parser = SwhidParser.of(mode);
        List<DynamicTest> tests = new ArrayList<>();
        for (StringVector v : SwhidVectors.stringVectors()) {
            add(tests, v, "core", v.core(), parser::parseCore, mode, false);
            add(tests, v, "qualified", v.qualified(), parser::parseQualified, mode, true);
            add(tests, v, "extended", v.extended(), parser::parseExtended, mode, false);
        }
        return tests.stream();
    }

    private static void add(List<DynamicTest> tests, StringVector v, String swhidClass, JsonNode expected,
                            Function<String, Swhid> parse, Mode mode, boolean qualified) {
        if (expected == null) {
            return;
        }
        tests.add(dynamicTest(v + " as " + swhidClass, () -> {
            boolean strict = mode == Mode.STRICT;
            if (strict && qualified && STRICT_REJECTS.containsKey(v.string())) {
                assertThat(SwhidVectors.isError(expected)).as("swh-model accepts it").isFalse();
                assertThatThrownBy(() -> parse.apply(v.string()))
                        .as(STRICT_REJECTS.get(v.string())).isInstanceOf(InvalidSwhidException.class);
            } else if (strict && qualified && STRICT_ACCEPTS.containsKey(v.string())) {
                assertThat(SwhidVectors.isError(expected)).as("swh-model rejects it").isTrue();
                assertCanonicalRoundTrip(parse.apply(v.string()), STRICT_ACCEPTS.get(v.string()), parse);
            } else if (SwhidVectors.isError(expected)) {
                assertThatThrownBy(() -> parse.apply(v.string())).isInstanceOf(InvalidSwhidException.class);
            } else {
                Swhid parsed = parse.apply(v.string());
                assertThat(parsed).isEqualTo(SwhidVectors.expectedSwhid(expected));
                String canonical = CANONICAL_DIFFERS.getOrDefault(v.string(), expected.get("canonical").asText());
                assertCanonicalRoundTrip(parsed, canonical, parse);
            }
        }));
    }

    private static void assertCanonicalRoundTrip(Swhid parsed, String canonical, Function<String, Swhid> parse) {
        assertThat(parsed.toString()).isEqualTo(canonical);
        assertThat(parse.apply(canonical)).isEqualTo(parsed);
    }
}
