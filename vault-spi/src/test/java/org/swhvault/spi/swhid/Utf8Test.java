package org.swhvault.spi.swhid;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {
    /** Expected values from Python 3.11: {@code bytes.fromhex(hex).decode('utf-8', 'replace')}. */
    @ParameterizedTest
    @CsvSource({
            "eda080, \uFFFD\uFFFD\uFFFD",
            "eda0, \uFFFD\uFFFD",
            "e282, \uFFFD",
            "e28241, \uFFFDA",
            "f09f98, \uFFFD",
            "c0af, \uFFFD\uFFFD",
            "f4908080, \uFFFD\uFFFD\uFFFD\uFFFD",
            "ff, \uFFFD",
            "e0809f, \uFFFD\uFFFD\uFFFD",
            "f0808080, \uFFFD\uFFFD\uFFFD\uFFFD",
            "c3a9, \u00e9",
            "efbfbd, \uFFFD",
            "dfedbe, \uFFFD\uFFFD\uFFFD",
            "e1edbfe1f1ed, \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD",
            "f09f9880, \uD83D\uDE00",
    })
    void decodingReplacesEachMaximalIllFormedSubpartLikePython(String hex, String expected) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        StringBuilder sb = new StringBuilder();
        Utf8.decode(bytes, bytes.length, sb);
        assertThat(sb.toString()).isEqualTo(expected);
        boolean wellFormed = !expected.contains("\uFFFD") || hex.equals("efbfbd");
        assertThat(Utf8.firstMalformed(bytes, bytes.length) < 0).isEqualTo(wellFormed);
    }
}
