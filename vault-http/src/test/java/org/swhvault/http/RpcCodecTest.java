package org.swhvault.http;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RPC bodies against byte vectors written by swh-core's own encoder: {@code swh/core/api/serializers.py}
 * ({@code msgpack_dumps}, {@code json_dumps}) of SoftwareHeritage/swh-core at 4009b51, with swh-vault's extra
 * encoder {@code (CoreSWHID, "core_swhid", str)} ({@code swh/vault/api/serializers.py} at aff1490), run with
 * Debian's python3-msgpack 1.0.3 on the values named in each test.
 */
class RpcCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Swhid DIR = Swhid.parse("swh:1:dir:" + "17".repeat(20));
    /** 2025-01-02T03:04:05.678901Z, a datetime with microseconds, as Python has them. */
    private static final Instant T = Instant.parse("2025-01-02T03:04:05.678901Z");

    /** {"bundle_type": "flat", "swhid": CoreSWHID(…), "email": None}: what swh-web's client sends to /cook. */
    private static final String COOK_REQUEST = "83ab62756e646c655f74797065a4666c6174a5737768696482c40773776874797065aa636f72655f7377686964c40164"
            + "d9327377683a313a6469723a313731373137313731373137313731373137313731373137313731373137313731373137"
            + "31373137a5656d61696cc0";
    /** The backend's progress dict: id 7, flat, done, not sticky, the three times T, no progress message. */
    private static final String PROGRESS_RESPONSE = "8aa2696407a474797065a4666c6174a5737768696482c40773776874797065aa636f72655f7377686964c40164d93273"
            + "77683a313a6469723a313731373137313731373137313731373137313731373137313731373137313731373137313731"
            + "37a77461736b5f696407ab7461736b5f737461747573a4646f6e65a6737469636b79c2aa74735f63726561746564d7ff"
            + "a1dcd42067760225a774735f646f6e65d7ffa1dcd42067760225ae74735f6c6173745f616363657373d7ffa1dcd42067"
            + "760225ac70726f67726573735f6d7367c0";
    /** {"batch": [["flat", "swh:1:dir:17…"], ["git_bare", "swh:1:rev:2a…"]]}. */
    private static final String BATCH_COOK_REQUEST = "81a562617463689292a4666c6174d9327377683a313a6469723a31373137313731373137313731373137313731373137"
            + "31373137313731373137313731373137313792a86769745f62617265d9327377683a313a7265763a3261326132613261"
            + "3261326132613261326132613261326132613261326132613261326132613261";
    /** exception_to_dict of NotFoundExc("flat swh:1:dir:17… was not found."), with an empty traceback. */
    private static final String NOT_FOUND = "85a474797065ab4e6f74466f756e64457863a66d6f64756c65ad7377682e7661756c742e657863a46172677391d94666"
            + "6c6174207377683a313a6469723a31373137313731373137313731373137313731373137313731373137313731373137"
            + "31373137313720776173206e6f7420666f756e642ea76d657373616765d946666c6174207377683a313a6469723a3137"
            + "313731373137313731373137313731373137313731373137313731373137313731373137313720776173206e6f742066"
            + "6f756e642ea974726163656261636b90";

    @Test
    void aCookRequestFromSwhCoreDecodesToItsKeywordArguments() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("bundle_type", "flat");
        expected.put("swhid", DIR);
        expected.put("email", null);
        assertThat(RpcCodec.readMsgpack(HEX.parseHex(COOK_REQUEST))).isEqualTo(expected);
        assertThat(RpcCodec.readJson(("{\"bundle_type\": \"flat\", \"swhid\": {\"swhtype\": \"core_swhid\", \"d\": "
                + "\"swh:1:dir:1717171717171717171717171717171717171717\"}, \"email\": null}").getBytes()))
                .isEqualTo(expected);
        assertThat(RpcCodec.readMsgpack(HEX.parseHex(BATCH_COOK_REQUEST))).isEqualTo(Map.of("batch", List.of(
                List.of("flat", "swh:1:dir:" + "17".repeat(20)), List.of("git_bare", "swh:1:rev:" + "2a".repeat(20)))));
    }

    @Test
    void aProgressDictIsEncodedByteForByteAsSwhCoreEncodesIt() throws Exception {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("id", 7L);
        progress.put("type", "flat");
        progress.put("swhid", DIR);
        progress.put("task_id", 7L);
        progress.put("task_status", "done");
        progress.put("sticky", false);
        progress.put("ts_created", T);
        progress.put("ts_done", T);
        progress.put("ts_last_access", T);
        progress.put("progress_msg", null);
        assertThat(HEX.formatHex(RpcCodec.writeMsgpack(progress))).isEqualTo(PROGRESS_RESPONSE);
        assertThat(RpcCodec.readMsgpack(HEX.parseHex(PROGRESS_RESPONSE))).isEqualTo(progress);
        assertThat(RpcCodec.readJson(RpcCodec.writeJson(progress))).isEqualTo(progress);
        assertThat(new String(RpcCodec.writeJson(Map.of("t", T)))).isEqualTo(
                "{\"t\":{\"swhtype\":\"datetime\",\"d\":\"2025-01-02T03:04:05.678901+00:00\"}}");
        // datetime.isoformat() in Python: six digits of microseconds, or none when they are zero
        assertThat(RpcCodec.isoformat(Instant.parse("2025-01-02T03:04:05.5Z"))).isEqualTo("2025-01-02T03:04:05.500000+00:00");
        assertThat(RpcCodec.isoformat(Instant.parse("2025-01-02T03:04:05Z"))).isEqualTo("2025-01-02T03:04:05+00:00");
    }

    @Test
    void errorsBytesAndNoneAreEncodedAsSwhCoreEncodesThem() {
        Map<String, Object> error = new LinkedHashMap<>();
        String message = "flat swh:1:dir:" + "17".repeat(20) + " was not found.";
        error.put("type", "NotFoundExc");
        error.put("module", "swh.vault.exc");
        error.put("args", List.of(message));
        error.put("message", message);
        error.put("traceback", List.of());
        assertThat(HEX.formatHex(RpcCodec.writeMsgpack(error))).isEqualTo(NOT_FOUND);
        assertThat(HEX.formatHex(RpcCodec.writeMsgpack(new byte[] {0, 1, 'b', 'u', 'n', 'd', 'l', 'e'})))
                .isEqualTo("c408000162756e646c65");
        assertThat(HEX.formatHex(RpcCodec.writeMsgpack(null))).isEqualTo("c0");
        assertThat(RpcCodec.Base85.encode(new byte[] {0, 1, 'b', 'u', 'n', 'd', 'l', 'e'})).isEqualTo("00ClkZe(m_");
        assertThat(RpcCodec.Base85.decode("00ClkZe(m_")).containsExactly(0, 1, 'b', 'u', 'n', 'd', 'l', 'e');
        // base64.b85encode of the first n of those 12 bytes, by Python 3.11
        List<String> python = List.of("", "00", "009", "00Ck", "00Clk", "00ClkZU", "00ClkZe#", "00ClkZe(l", "00ClkZe(m_",
                "00ClkZe(m_{{", "00ClkZe(m_|NZ", "00ClkZe(m_|Ni{");
        for (int n = 0; n < 12; n++) {
            byte[] bytes = java.util.Arrays.copyOf(new byte[] {0, 1, 'b', 'u', 'n', 'd', 'l', 'e', -1, -2, -3, -4}, n);
            String whole = RpcCodec.Base85.encode(bytes);
            assertThat(whole).isEqualTo(python.get(n));
            assertThat(RpcCodec.Base85.decode(whole)).isEqualTo(bytes);
            assertThat(RpcCodec.Base85.encodedLength(n)).isEqualTo(whole.length());
            try (java.io.InputStream streamed = RpcCodec.Base85.encoding(new java.io.ByteArrayInputStream(bytes))) {
                assertThat(new String(streamed.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                        .as("streamed as encoded whole, %d bytes", n).isEqualTo(whole);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void integersBeyondSixtyFourBitsUseSwhCoresExtensionTypes() throws Exception {
        java.math.BigInteger big = java.math.BigInteger.ONE.shiftLeft(70);
        byte[] packed = RpcCodec.writeMsgpack(big);
        assertThat(HEX.formatHex(packed)).as("ext 1 (LONG_INT), the big-endian magnitude").isEqualTo("c70901400000000000000000");
        assertThat(RpcCodec.readMsgpack(packed)).isEqualTo(big);
        assertThat(HEX.formatHex(RpcCodec.writeMsgpack(big.negate()))).as("ext 2 (LONG_NEG_INT)")
                .isEqualTo("c70902400000000000000000");
        assertThat(RpcCodec.readMsgpack(RpcCodec.writeMsgpack(big.negate()))).isEqualTo(big.negate());
    }
}
