package org.swhvault.spi.swhid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.swhid.SwhidParser.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Error messages say what is wrong, where (1-based column in code points) and what was expected. */
class SwhidErrorsTest {
    private static final String CNT = "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            swh:1:cnt:                    | invalid object id at column 11: expected 40 lowercase hex digits
            swh:1:cnt:94A9ed024d3859793618152ea559a168bbcbb5e2 | invalid object id at column 13: expected 40 lowercase hex digits
            `CNT;Origin=https://example.org` | unknown qualifier 'Origin' at column 52: expected one of origin, visit, anchor, path, lines, bytes
            CNT;lines=1-2;path=/a;lines=5 | duplicate qualifier 'lines' at column 70
            ` CNT`                        | unexpected whitespace U+0020 at column 1: a SWHID contains no whitespace
            `CNT;path=/a b`               | unexpected whitespace U+0020 at column 59: whitespace must be percent-encoded
            CNT;origin=a\u00a0b           | unexpected whitespace U+00A0 at column 60: whitespace must be percent-encoded
            CNT;origin=a\u0001b           | unexpected control character U+0001 at column 60: control characters must be percent-encoded
            CNT;path=/file%GZname.txt     | malformed percent-escape at column 62: expected '%' followed by two hex digits
            CNT;path=/a%4                 | malformed percent-escape at column 59: expected '%' followed by two hex digits
            CNT;origin=%FF                | percent-escape in origin that is not UTF-8 at column 59: the origin is text: escapes must encode UTF-8
            CNT;lines=0                   | line number 0 at column 58: line numbers start at 1
            CNT;lines=3-2                 | reversed range lines=3-2 at column 58: expected the end to be at least the start
            CNT;bytes=9-8                 | reversed range bytes=9-8 at column 58: expected the end to be at least the start
            CNT;lines=+5                  | unexpected '+' in lines qualifier at column 58: expected a number N or a range N-M of ASCII digits
            CNT;lines=5-                  | missing number in lines qualifier at column 60: expected a number N or a range N-M of ASCII digits
            CNT;origin=\ud83d\ude00;lines=x | unexpected 'x' in lines qualifier at column 67: expected a number N or a range N-M of ASCII digits
            CNT;;lines=1                  | empty qualifier at column 52: expected key=value after ';'
            CNT;lines=1;                  | empty qualifier at column 60: expected key=value after ';'
            CNT;origin                    | missing '=' in qualifier 'origin' at column 52: expected key=value
            CNT;visit=swh:1:rel:94a9ed024d3859793618152ea559a168bbcbb5e2 | visit qualifier names a 'rel' at column 64: expected a snp SWHID
            CNT;anchor=swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2 | anchor qualifier names a 'cnt' at column 65: expected a dir, rev, rel or snp SWHID
            CNT;anchor=swh:1:ori:94a9ed024d3859793618152ea559a168bbcbb5e2 | object type 'ori' in anchor qualifier is not a core type at column 65: expected one of cnt, dir, rev, rel, snp
            CNT;visit=swh:1:snp:94a9ed024d3859793618152ea559a168bbcbb5e | invalid object id in visit qualifier at column 107: expected 40 lowercase hex digits
            CNT0                          | invalid object id at column 51: expected 40 lowercase hex digits
            CNTx                          | unexpected 'x' at column 51: expected ';' or the end of the SWHID
            `CNT\n`                       | unexpected whitespace U+000A at column 51: expected ';' or the end of the SWHID
            swh:1:ori:94a9ed024d3859793618152ea559a168bbcbb5e2;lines=1 | qualifiers on an extended SWHID (ori) at column 51: ori and emd SWHIDs take no qualifiers
            ssh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2 | invalid namespace at column 1: expected 'swh'
            swh:2:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2 | invalid scheme version at column 5: expected 1
            swh:10:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2 | invalid scheme version at column 5: expected 1
            swh:1:xyz:94a9ed024d3859793618152ea559a168bbcbb5e2 | invalid object type at column 7: expected one of cnt, dir, rev, rel, snp, ori, emd
            swh:1:cnt                     | incomplete SWHID at column 10: expected swh:1:<type>:<40 lowercase hex digits>
            `swh:1: dir:0b6959356d30f1a4e9b7f6bca59b9a336464c03d` | unexpected whitespace U+0020 at column 7: a SWHID contains no whitespace
            `                  `          | unexpected whitespace U+0020 at column 1: a SWHID contains no whitespace
            """)
    void strictMessagesSayWhatWhereAndWhatWasExpected(String input, String message) {
        String swhid = unescape(input.replace("CNT", CNT));
        assertThatThrownBy(() -> Swhid.parse(swhid)).isInstanceOf(InvalidSwhidException.class).hasMessage(message);
    }

    @Test
    void lenientModeExplainsThatBytesNeedsStrictMode() {
        assertThatThrownBy(() -> Swhid.parse(CNT + ";bytes=1-2", Mode.LENIENT)).hasMessage(
                "unknown qualifier 'bytes' at column 52: expected one of origin, visit, anchor, path, lines (bytes needs strict mode)");
        assertThatThrownBy(() -> Swhid.parse(CNT + ";lines=1-2-3", Mode.LENIENT))
                .hasMessage("invalid lines qualifier '1-2-3' at column 58: expected a number N or a range N-M");
    }

    @Test
    void restrictedParsersNameTheClassTheyExpect() {
        assertThatThrownBy(() -> Swhid.parseCore("swh:1:ori:94a9ed024d3859793618152ea559a168bbcbb5e2"))
                .hasMessage("object type 'ori' is not a core type at column 7: expected one of cnt, dir, rev, rel, snp");
        assertThatThrownBy(() -> Swhid.parseCore(CNT + ";lines=1"))
                .hasMessage("unexpected qualifiers at column 51: expected a SWHID without qualifiers");
        assertThatThrownBy(() -> Swhid.parseExtended(CNT + ";lines=1"))
                .hasMessage("unexpected qualifiers at column 51: expected a SWHID without qualifiers");
        assertThatThrownBy(() -> SwhidParser.strict().parseQualified("swh:1:emd:94a9ed024d3859793618152ea559a168bbcbb5e2"))
                .hasMessage("object type 'emd' is not a core type at column 7: expected one of cnt, dir, rev, rel, snp");
    }

    @Test
    void theExceptionCarriesCodeColumnReasonAndInput() {
        String input = CNT + ";Origin=x";
        InvalidSwhidException e = catchThrowableOfType(InvalidSwhidException.class, () -> Swhid.parse(input));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SWHID);
        assertThat(e.column()).isEqualTo(52);
        assertThat(e.reason()).isEqualTo("unknown qualifier 'Origin': expected one of origin, visit, anchor, path, lines, bytes");
        assertThat(e.input()).isEqualTo(input);
        InvalidSwhidException d = catchThrowableOfType(InvalidSwhidException.class, () -> Swhid.parse(CNT + ";lines=1;lines=2"));
        assertThat(d.reason()).isEqualTo("duplicate qualifier 'lines'");
        assertThat(d.column()).isEqualTo(60);
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> Swhid.parse(null)).isInstanceOf(NullPointerException.class);
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i)) {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (s.startsWith("\\n", i)) {
                sb.append('\n');
                i++;
            } else {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }
}
