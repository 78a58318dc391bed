package org.swhvault.spi.model.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Blake2s256Test {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** The byte pattern the lengths below were hashed with (Python hashlib.blake2s as the oracle). */
    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    void abcGivesTheRfc7693Digest() {
        byte[] d = new Blake2s256().digest("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(hex(d)).isEqualTo("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982");
    }

    @Test
    void emptyInputGivesTheKnownDigest() {
        assertThat(hex(new Blake2s256().digest()))
                .isEqualTo("69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9");
    }

    @ParameterizedTest
    @CsvSource({
        "1, a28ac19d6bcbe2cd1d7de183485768d598e996b07889b9b11f418cb1b4a4fb0d",
        "55, 691697264a9ff7f6f5605335fc509f137845246ce7169d30fbf71574102ffb63",
        "63, de27df0e375d83c49f1af9ca8270f9f2fe7b70bf800fc01672db0e9746021ebf",
        "64, 5377e4ff957bda4d4535f4879876b71a61056c4cec31e78397c66ec47a86a130",
        "65, 19b1b26fba093f4a670d8913e1b71cbb2916dfa701018cc6b05785c966593374",
        "127, 6846f99493436241d0a6f289c9a911b1d0f4860db8f2b5df5295ffd37d03a3c4",
        "128, 83470c75afa23d90cd7659906e4b47daa278131fbb225241dd37a40fd5355ac7",
        "129, 26fd8892ab0a5f12d4acbff1efd7dcd92b99e2d377f888f07e3cb81b232b11cf",
        "1000, 02a016193469710efadf8fb005ca19b509331cb847df5598cc0794bded669681",
        "65536, 56f875b7951e26194f71a4ab7b86193334885fd7b58153821095718aa6d9529c",
        "65537, 1d6d8791c9ddd7996da479618d4863611477454777cf36d28c9e316d48031e72",
        "1000003, 86d98c94d88228c73b2102a2558c2f19774cda2365320a9287a50a450e0d6871",
    })
    void blockBoundariesMatchHashlib(int length, String expected) {
        assertThat(hex(new Blake2s256().digest(pattern(length)))).isEqualTo(expected);
    }

    @Test
    void splittingTheInputAnywhereGivesTheSameDigest() throws Exception {
        Random random = new Random(42);
        MessageDigest md = new Blake2s256();
        for (int length : new int[] {0, 1, 63, 64, 65, 128, 200, 1000}) {
            byte[] data = pattern(length);
            String whole = hex(md.digest(data));
            for (int trial = 0; trial < 20; trial++) {
                int i = 0;
                while (i < length) {
                    if (random.nextInt(5) == 0) {
                        md.update(data[i++]);
                    } else {
                        int n = Math.min(length - i, random.nextInt(130));
                        md.update(data, i, n);
                        i += n;
                    }
                }
                assertThat(hex(md.digest())).as("length %d trial %d", length, trial).isEqualTo(whole);
            }
        }
    }

    @Test
    void aCloneContinuesIndependently() throws Exception {
        MessageDigest md = new Blake2s256();
        md.update(pattern(100), 0, 70);
        MessageDigest copy = (MessageDigest) md.clone();
        md.update(pattern(100), 70, 30);
        assertThat(hex(md.digest())).isEqualTo(hex(new Blake2s256().digest(pattern(100))));
        assertThat(hex(copy.digest())).isEqualTo(hex(new Blake2s256().digest(java.util.Arrays.copyOf(pattern(100), 70))));
    }

    @Test
    void digestLengthIs32() {
        assertThat(new Blake2s256().getDigestLength()).isEqualTo(32);
    }
}
