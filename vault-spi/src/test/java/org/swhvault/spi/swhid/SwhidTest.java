package org.swhvault.spi.swhid;

import java.math.BigInteger;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.SwhidParser.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwhidTest {
    private static final String HEX = "94a9ed024d3859793618152ea559a168bbcbb5e2";
    private static final String CNT = "swh:1:cnt:" + HEX;
    private static final ObjectId ID = ObjectId.fromHex(HEX);

    @Test
    void aCoreSwhidIsTypeAndIdAndPrintsCanonically() {
        Swhid swhid = Swhid.parse(CNT);
        assertThat(swhid).isEqualTo(Swhid.of(ObjectType.CONTENT, ID)).isEqualTo(new Swhid(ObjectType.CONTENT, ID));
        assertThat(swhid.type()).isEqualTo(ObjectType.CONTENT);
        assertThat(swhid.id()).isEqualTo(ID);
        assertThat(swhid.qualifiers()).isSameAs(Qualifiers.NONE);
        assertThat(swhid.toString()).isEqualTo(CNT);
        assertThat(swhid.isCore()).isTrue();
        assertThat(swhid.isExtended()).isFalse();
        assertThat(swhid.hasQualifiers()).isFalse();
        assertThat(swhid.toCore()).isSameAs(swhid);
    }

    @Test
    void qualifiersAreDecodedAndOrderDoesNotMatter() {
        Swhid a = Swhid.parse(CNT + ";lines=9-15;path=/a%20b/%C3%A9;origin=https://ex.org/x%3By");
        Swhid b = Swhid.parse(CNT + ";origin=https://ex.org/x%3By;path=/a%20b/%c3%a9;lines=9-15");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.qualifiers().origin()).contains("https://ex.org/x;y");
        assertThat(a.qualifiers().path()).contains(Bytes.utf8("/a b/\u00e9"));
        assertThat(a.qualifiers().lines()).contains(Range.of(9, 15));
        assertThat(a.toString()).isEqualTo(CNT + ";origin=https://ex.org/x%3By;path=/a%20b/%C3%A9;lines=9-15");
        assertThat(a.isCore()).isFalse();
        assertThat(a.hasQualifiers()).isTrue();
        assertThat(a.toCore()).isEqualTo(Swhid.parse(CNT));
        assertThat(a.withQualifiers(Qualifiers.NONE)).isEqualTo(a.toCore());
    }

    @Test
    void strictModeAcceptsTheIsoBytesQualifierLeadingZerosAndHugeNumbers() {
        Swhid swhid = Swhid.parse(CNT + ";lines=007-0100;bytes=0-99999999999999999999999");
        assertThat(swhid.qualifiers().lines()).contains(Range.of(7, 100));
        assertThat(swhid.qualifiers().bytes())
                .contains(new Range(BigInteger.ZERO, Optional.of(new BigInteger("99999999999999999999999"))));
        assertThat(swhid.toString()).isEqualTo(CNT + ";lines=7-100;bytes=0-99999999999999999999999");
    }

    @Test
    void extendedSwhidsHaveNoQualifiersAndNoCoreForm() {
        Swhid ori = Swhid.parseExtended("swh:1:ori:" + HEX);
        assertThat(ori.isExtended()).isTrue();
        assertThat(ori.isCore()).isFalse();
        assertThat(Swhid.parse("swh:1:emd:" + HEX).type()).isEqualTo(ObjectType.RAW_EXTRINSIC_METADATA);
        assertThatThrownBy(ori::toCore).isInstanceOf(VaultException.class)
                .satisfies(e -> assertThat(((VaultException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED));
        Qualifiers lines = Qualifiers.builder().lines(Range.of(1)).build();
        assertThatThrownBy(() -> ori.withQualifiers(lines)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Swhid.parseExtended(CNT)).isEqualTo(Swhid.parseCore(CNT));
    }

    @Test
    void qualifiersRejectWhatIsNeverMeaningful() {
        Swhid rel = Swhid.of(ObjectType.RELEASE, ID);
        Swhid cnt = Swhid.of(ObjectType.CONTENT, ID);
        Swhid qualifiedSnp = Swhid.parse("swh:1:snp:" + HEX + ";origin=x");
        assertThatThrownBy(() -> Qualifiers.builder().visit(rel).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Qualifiers.builder().visit(qualifiedSnp).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Qualifiers.builder().anchor(cnt).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Qualifiers.builder().origin("a\ud800b").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Range.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Qualifiers.builder().anchor(rel).build().anchor()).contains(rel);
    }

    @Test
    void builderStartsEmptyAndCopies() {
        assertThat(Qualifiers.builder().build()).isSameAs(Qualifiers.NONE);
        Qualifiers q = Qualifiers.builder().origin("https://ex.org").path("/a b").lines(Range.of(3)).build();
        Qualifiers changed = q.toBuilder().origin(null).bytes(Range.of(0, 9)).build();
        assertThat(changed.origin()).isEmpty();
        assertThat(changed.path()).contains(Bytes.utf8("/a b"));
        assertThat(changed.toString()).isEqualTo(";path=/a%20b;lines=3;bytes=0-9");
        assertThat(Qualifiers.NONE.toString()).isEmpty();
    }

    @Test
    void rangesPrintAsTheyAreWritten() {
        assertThat(Range.of(5).toString()).isEqualTo("5");
        assertThat(Range.of(5).isSingle()).isTrue();
        assertThat(Range.of(5, 5).toString()).isEqualTo("5-5");
        assertThat(Range.of(5, 5)).isNotEqualTo(Range.of(5));
        assertThat(Range.of(3, 2).isOrdered()).isFalse();
    }

    @Test
    void originEscapingKeepsTheOutputParseable() {
        Qualifiers q = Qualifiers.builder().origin("https://ex.org/a b\t;100%\u00a0\u0001\u00e9").build();
        Swhid swhid = Swhid.of(ObjectType.DIRECTORY, ID).withQualifiers(q);
        assertThat(swhid.toString()).isEqualTo("swh:1:dir:" + HEX + ";origin=https://ex.org/a%20b%09%3B100%25%C2%A0%01\u00e9");
        assertThat(Swhid.parse(swhid.toString())).isEqualTo(swhid);
    }

    @Test
    void pathEscapingIsTheReferences() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = Swhid.of(ObjectType.CONTENT, ID).withQualifiers(Qualifiers.builder().path(Bytes.of(all)).build()).toString();
        String path = text.substring(text.indexOf(";path=") + 6);
        assertThat(path).startsWith("%00%01").contains("%20%21%22%23%24%25%26%27%28%29%2A%2B%2C-./0123456789%3A%3B%3C%3D%3E%3F%40ABC")
                .contains("XYZ%5B%5C%5D%5E_%60abc").endsWith("xyz%7B%7C%7D~%7F%80" + path.substring(path.indexOf("%81")));
        assertThat(path).endsWith("%FE%FF");
        assertThat(Swhid.parse(text).qualifiers().path()).contains(Bytes.of(all));
    }

    @ParameterizedTest
    @CsvSource({
            "+5, 5", "0_7, 7", "\u0661_\u0662, 12", "\ud835\udfd3, 5", "\uff11\uff12, 12", "+5-+6, 5-6",
    })
    void lenientNumbersFollowPythonInt(String value, String canonical) {
        assertThat(Swhid.parse(CNT + ";lines=" + value, Mode.LENIENT).qualifiers().lines().orElseThrow().toString())
                .isEqualTo(canonical);
        assertThatThrownBy(() -> Swhid.parse(CNT + ";lines=" + value)).isInstanceOf(InvalidSwhidException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1__0", "_1", "1_", "+", "+_1", "-5", "5-", "1-2-3", "", "0x10", "%35"})
    void lenientNumbersRejectWhatPythonIntRejects(String value) {
        assertThatThrownBy(() -> Swhid.parse(CNT + ";lines=" + value, Mode.LENIENT)).isInstanceOf(InvalidSwhidException.class);
    }

    @Test
    void lenientNumbersStopAtPythonsDigitLimit() {
        assertThat(Swhid.parse(CNT + ";lines=" + "1".repeat(4300), Mode.LENIENT).hasQualifiers()).isTrue();
        assertThat(Swhid.parse(CNT + ";lines=" + "1_".repeat(4299) + "1", Mode.LENIENT).hasQualifiers()).isTrue();
        assertThatThrownBy(() -> Swhid.parse(CNT + ";lines=" + "0".repeat(4301), Mode.LENIENT))
                .isInstanceOf(InvalidSwhidException.class);
        assertThatThrownBy(() -> Swhid.parse(CNT + ";lines=" + "1".repeat(4301)))
                .hasMessage("number in lines qualifier too long at column 58: expected at most 4300 digits");
    }

    @Test
    void lenientDuplicatesKeepTheLastValueWithoutCheckingEarlierOnes() {
        Swhid swhid = Swhid.parse(CNT + ";lines=abc;visit=nonsense;lines=5;visit=swh:1:snp:" + HEX, Mode.LENIENT);
        assertThat(swhid.toString()).isEqualTo(CNT + ";visit=swh:1:snp:" + HEX + ";lines=5");
    }

    @Test
    void lenientKeepsMalformedEscapesLiterally() {
        Swhid swhid = Swhid.parse(CNT + ";origin=a%GZ%4%;path=/b%G%", Mode.LENIENT);
        assertThat(swhid.qualifiers().origin()).contains("a%GZ%4%");
        assertThat(swhid.qualifiers().path()).contains(Bytes.utf8("/b%G%"));
        assertThat(swhid.toString()).isEqualTo(CNT + ";origin=a%25GZ%254%25;path=/b%25G%25");
        assertThat(Swhid.parse(swhid.toString())).isEqualTo(swhid);
    }

    @Test
    void lenientAcceptsControlCharactersButNotUnpairedSurrogates() {
        Swhid swhid = Swhid.parse(CNT + ";origin=a\u0001b", Mode.LENIENT);
        assertThat(swhid.toString()).isEqualTo(CNT + ";origin=a%01b");
        // the reference accepts an unpaired surrogate in an origin; it cannot be written as UTF-8
        assertThatThrownBy(() -> Swhid.parse(CNT + ";origin=a\ud800", Mode.LENIENT))
                .hasMessage("unexpected unpaired surrogate U+D800 at column 60: expected well-formed UTF-16 text");
    }

    @Test
    void parsersAreSharedPerMode() {
        assertThat(SwhidParser.of(Mode.STRICT)).isSameAs(SwhidParser.strict());
        assertThat(SwhidParser.of(Mode.LENIENT)).isSameAs(SwhidParser.lenient());
        assertThat(SwhidParser.lenient().mode()).isEqualTo(Mode.LENIENT);
        assertThat(SwhidParser.strict()).hasToString("SwhidParser[STRICT]");
    }
}
