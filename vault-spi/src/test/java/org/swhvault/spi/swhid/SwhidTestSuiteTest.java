package org.swhvault.spi.swhid;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.swhvault.spi.swhid.SwhidParser.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The negative syntax cases of the cross-implementation SWHID test suite
 * (swhid/test-suite {@code payloads/negative/syntax/invalid_swhids.yaml}): strict mode rejects all
 * of them; lenient mode agrees with swh-model, which accepts four.
 */
class SwhidTestSuiteTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong_scheme         | ssh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391                                         | PARSE_ERROR      | 1  | false
            wrong_version        | swh:2:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391                                         | PARSE_ERROR      | 5  | false
            unknown_object_type  | swh:1:xyz:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391                                         | PARSE_ERROR      | 7  | false
            short_hash           | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5                                           | NORMALIZE_ERROR  | 48 | false
            long_hash            | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391a                                        | NORMALIZE_ERROR  | 51 | false
            invalid_hash_chars   | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c539g                                         | NORMALIZE_ERROR  | 50 | false
            uppercase_hash       | swh:1:cnt:E69DE29BB2D1D6434B8B29AE775AD8C2E48C5391                                         | NORMALIZE_ERROR  | 11 | false
            duplicate_qualifier  | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391;path=file.txt;path=other.txt           | VALIDATION_ERROR | 66 | true
            unescaped_semicolon  | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391;path=file;name.txt                     | PARSE_ERROR      | 62 | false
            bad_percent_encoding | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391;path=file%GZname.txt                   | PARSE_ERROR      | 61 | true
            invalid_lines_range  | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391;lines=3-2                              | VALIDATION_ERROR | 58 | true
            lines_zero           | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391;lines=0                                | VALIDATION_ERROR | 58 | true
            non_numeric_lines    | swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391;lines=abc                              | PARSE_ERROR      | 58 | false
            """)
    void strictModeRejectsEveryInvalidSwhidOfTheTestSuite(String name, String swhid, String expectedError, int column,
                                                           boolean swhModelAccepts) {
        InvalidSwhidException e = catchThrowableOfType(InvalidSwhidException.class, () -> Swhid.parse(swhid));
        assertThat(e).as(name + " (test suite expects " + expectedError + ")").isNotNull();
        assertThat(e.column()).isEqualTo(column);
        if (swhModelAccepts) {
            assertThat(Swhid.parse(swhid, Mode.LENIENT).toString()).startsWith(swhid.substring(0, 50));
        } else {
            assertThatThrownBy(() -> Swhid.parse(swhid, Mode.LENIENT)).isInstanceOf(InvalidSwhidException.class);
        }
    }

    /** The same cases as recorded in the vector file, when this copy of it has them. */
    @TestFactory
    Stream<DynamicTest> vectorFileTestSuiteCases() {
        JsonNode vectors = SwhidVectors.vectorsOf("test_suite_invalid_swhids");
        assumeTrue(vectors != null, "this copy of swhid-vectors.json has no test_suite_invalid_swhids");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : vectors) {
            tests.add(dynamicTest(v.get("name").asText(), () -> {
                String swhid = v.get("string").asText();
                assertThatThrownBy(() -> Swhid.parse(swhid))
                        .as("test suite expects " + v.get("test_suite_expected_error").asText())
                        .isInstanceOf(InvalidSwhidException.class);
                JsonNode reference = v.get("swh_model_qualified");
                if (SwhidVectors.isError(reference)) {
                    assertThatThrownBy(() -> SwhidParser.lenient().parseQualified(swhid)).isInstanceOf(InvalidSwhidException.class);
                } else {
                    assertThat(SwhidParser.lenient().parseQualified(swhid)).isEqualTo(SwhidVectors.expectedSwhid(reference));
                }
            }));
        }
        return tests.stream();
    }
}
