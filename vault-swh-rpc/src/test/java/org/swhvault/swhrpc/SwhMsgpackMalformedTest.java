package org.swhvault.swhrpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageUnpacker;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes swh-core could not have written are refused with a sentence that says what is wrong, never misread. */
class SwhMsgpackMalformedTest {
    private static final SwhMsgpack CODEC = SwhMsgpack.core();

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void aMessageCutShortIsRefused() {
        assertThatThrownBy(() -> CODEC.decode(hex("93c3c2"))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> CODEC.decode(new byte[0])).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void bytesAfterTheMessageAreRefused() {
        assertThatThrownBy(() -> CODEC.decode(hex("c0c0"))).isInstanceOf(MalformedMessageException.class)
                .hasMessage("extra bytes follow the message at byte 1");
    }

    @Test
    void aLengthPrefixThatLiesAllocatesNothingAndIsRefused() {
        // bin32 and str32 of 2 GiB - 1 bytes, arrays and maps of 4 billion elements, with 3 bytes after them
        for (String lie : List.of("c67fffffff616263", "db7fffffff616263", "ddffffffff616263", "dfffffffff616263")) {
            assertThatThrownBy(() -> CODEC.decode(hex(lie))).as(lie).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void textThatIsNotUtf8IsRefusedAsPythonRefusesIt() {
        assertThatThrownBy(() -> CODEC.decode(hex("a2c328"))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("is not UTF-8");
        // a surrogate, which Python's strict UTF-8 decoder refuses too
        assertThatThrownBy(() -> CODEC.decode(hex("a3eda080"))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void unknownExtensionTypesAndReservedBytesAreRefused() {
        assertThatThrownBy(() -> CODEC.decode(hex("d40501"))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown msgpack extension type 5");
        assertThatThrownBy(() -> CODEC.decode(hex("c1"))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anExtraTypeWithAPayloadOfTheWrongShapeIsRefused() {
        byte[] badTimedelta = CODEC.encode(new ExtraValue("timedelta", "one day"));
        assertThatThrownBy(() -> CODEC.decode(badTimedelta)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("the extra type timedelta");
        byte[] badSwhid = CODEC.with(SwhidTypes.CORE).encode(new ExtraValue("core_swhid", "swh:1:dir:xyz"));
        assertThatThrownBy(() -> CODEC.with(SwhidTypes.CORE).decode(badSwhid))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("core_swhid");
    }

    @Test
    void nestingDeeperThanAnyRealMessageIsRefusedWithoutOverflowingTheStack() {
        byte[] deep = new byte[100_000];
        java.util.Arrays.fill(deep, (byte) 0x91);
        assertThatThrownBy(() -> CODEC.decode(deep)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nest deeper");
    }

    @Test
    void valuesOfOtherTypesCannotBeWritten() {
        assertThatThrownBy(() -> CODEC.encode(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void swhidsTakeTheExtraTypeOfTheirKindAndReadBack() throws IOException {
        SwhMsgpack codec = CODEC.with(SwhidTypes.CORE, SwhidTypes.EXTENDED, SwhidTypes.QUALIFIED);
        Swhid core = Swhid.parse("swh:1:dir:" + "17".repeat(20));
        Swhid origin = Swhid.parse("swh:1:ori:" + "2a".repeat(20));
        Swhid qualified = Swhid.parse("swh:1:cnt:" + "01".repeat(20) + ";origin=https://example.org/r");
        Object decoded = codec.decode(codec.encode(List.of(core, origin, qualified)));
        assertThat(decoded).isEqualTo(List.of(core, origin, qualified));
        assertThat(((ExtraValue) ((List<?>) CODEC.decode(codec.encode(List.of(origin)))).get(0)).type())
                .isEqualTo("extended_swhid");
    }

    @Test
    void anUnpackerReadsOneValueAtATimeFromAStream() throws IOException {
        byte[] two = CODEC.encode(List.of(Duration.ofSeconds(1), Bytes.utf8("x")));
        try (MessageUnpacker in = SwhMsgpack.unpacker(new ByteArrayInputStream(two))) {
            assertThat(in.unpackArrayHeader()).isEqualTo(2);
            assertThat(CODEC.read(in)).isEqualTo(Duration.ofSeconds(1));
            assertThat(CODEC.read(in)).isEqualTo(Bytes.utf8("x"));
        }
    }
}
