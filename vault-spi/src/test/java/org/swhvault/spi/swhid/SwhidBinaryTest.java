package org.swhvault.spi.swhid;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** The 22-byte binary form, against {@code swhid.binary}. */
class SwhidBinaryTest {
    private static final JsonNode BINARY = SwhidVectors.SWHID.get("binary");
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void typeCodesAreThoseOfTheVectorFile() {
        BINARY.get("type_codes").fields().forEachRemaining(e ->
                assertThat(ObjectType.fromTag(e.getKey()).orElseThrow().binaryCode()).isEqualTo(e.getValue().asInt()));
        assertThat(ObjectType.RAW_EXTRINSIC_METADATA.binaryCode()).isEqualTo(-1);
    }

    @TestFactory
    Stream<DynamicTest> validVectorsRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : BINARY.get("valid")) {
            tests.add(dynamicTest(v.get("swhid").asText(), () -> {
                Swhid swhid = Swhid.parseCore(v.get("swhid").asText());
                byte[] bytes = HEX.parseHex(v.get("bytes_hex").asText());
                assertThat(HEX.formatHex(swhid.toBytes())).isEqualTo(v.get("bytes_hex").asText());
                assertThat(Swhid.fromBytes(bytes)).isEqualTo(swhid);
                assertThat(Swhid.fromBytesCore(bytes)).isEqualTo(swhid);
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> invalidVectorsAreRejectedAsCoreSwhids() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : BINARY.get("invalid")) {
            tests.add(dynamicTest(v.get("why").asText(), () -> {
                byte[] bytes = HEX.parseHex(v.get("bytes_hex").asText());
                assertThatThrownBy(() -> Swhid.fromBytesCore(bytes)).isInstanceOf(InvalidSwhidException.class);
                if (bytes.length == 22 && bytes[0] == 1 && bytes[1] == 2) {
                    // swh-graph's node encoding: type 2 is an origin
                    assertThat(Swhid.fromBytes(bytes).type()).isEqualTo(ObjectType.ORIGIN);
                } else {
                    assertThatThrownBy(() -> Swhid.fromBytes(bytes)).isInstanceOf(InvalidSwhidException.class);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    @Test
    void originsRoundTripThroughTheExtendedDecoder() {
        Swhid ori = Swhid.parse("swh:1:ori:b63a575fe3faab7692c9f38fb09d4bb45651bb0f");
        assertThat(ori.toBytes()[1]).isEqualTo((byte) 2);
        assertThat(Swhid.fromBytes(ori.toBytes())).isEqualTo(ori);
    }

    @Test
    void binaryErrorsSayWhichByteIsWrong() {
        byte[] bytes = new byte[22];
        bytes[0] = 2;
        assertThatThrownBy(() -> Swhid.fromBytes(bytes))
                .isInstanceOf(InvalidSwhidException.class)
                .hasMessage("version byte 2 at byte 1: expected 1")
                .satisfies(e -> assertThat(((InvalidSwhidException) e).column()).isEqualTo(1));
        bytes[0] = 1;
        bytes[1] = 6;
        assertThatThrownBy(() -> Swhid.fromBytes(bytes)).hasMessage("type byte 6 at byte 2: expected 0 to 5");
        assertThatThrownBy(() -> Swhid.fromBytes(new byte[21]))
                .hasMessage("binary SWHID of 21 bytes at byte 22: expected exactly 22 bytes");
    }

    @Test
    void metadataAndQualifiedSwhidsHaveNoBinaryForm() {
        ObjectId id = ObjectId.fromHex("94a9ed024d3859793618152ea559a168bbcbb5e2");
        assertThatThrownBy(() -> Swhid.of(ObjectType.RAW_EXTRINSIC_METADATA, id).toBytes())
                .isInstanceOf(VaultException.class)
                .satisfies(e -> assertThat(((VaultException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED));
        Swhid qualified = Swhid.parse("swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2;lines=1");
        assertThatThrownBy(qualified::toBytes)
                .satisfies(e -> assertThat(((VaultException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThat(qualified.toCore().toBytes()).hasSize(22);
    }
}
