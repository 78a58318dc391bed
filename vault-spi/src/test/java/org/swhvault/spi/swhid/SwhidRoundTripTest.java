package org.swhvault.spi.swhid;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.SwhidParser.Mode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: for many random SWHIDs with random qualifier values (random bytes in paths, any Unicode
 * in origins including whitespace, controls, {@code %} and {@code ;}), the canonical form parses back
 * to an equal value.
 */
class SwhidRoundTripTest {
    private static final ObjectType[] CORE = {ObjectType.CONTENT, ObjectType.DIRECTORY, ObjectType.REVISION,
        ObjectType.RELEASE, ObjectType.SNAPSHOT};
    private static final String ORIGIN_CHARS = "aZ09:/?#[]@!$&'()*+,=-._~%;\u00e9\u4e2d\uFFFD\u200b\u00ad"
            + " \t\n\r\u000b\f\u001c\u001f\u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
            + "\u0000\u0001\u007f\u0080\u009f";

    @Test
    void strictCanonicalFormParsesBackToAnEqualSwhid() {
        Random random = new Random(20260101);
        for (int i = 0; i < 5000; i++) {
            Swhid swhid = randomSwhid(random, true);
            String text = swhid.toString();
            assertThat(Swhid.parse(text)).as(text).isEqualTo(swhid);
            if (swhid.qualifiers().bytes().isEmpty()) {
                // what strict mode accepts, lenient mode accepts with the same value
                assertThat(Swhid.parse(text, Mode.LENIENT)).as(text).isEqualTo(swhid);
            }
        }
    }

    @Test
    void lenientCanonicalFormParsesBackToAnEqualSwhidInLenientMode() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            Swhid swhid = randomSwhid(random, false);
            String text = swhid.toString();
            assertThat(Swhid.parse(text, Mode.LENIENT)).as(text).isEqualTo(swhid);
        }
    }

    @Test
    void canonicalFormHasNoRawWhitespaceOrControlCharacters() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String text = randomSwhid(random, true).toString();
            assertThat(text.chars().noneMatch(c -> Chars.isWhitespace((char) c) || Chars.isControl((char) c))).as(text).isTrue();
        }
    }

    /** Strict-valid values when {@code strict}; otherwise also lenient-only ones (lines 0, reversed, no bytes). */
    private static Swhid randomSwhid(Random random, boolean strict) {
        byte[] id = new byte[20];
        random.nextBytes(id);
        if (random.nextInt(10) == 0) {
            return Swhid.of(random.nextBoolean() ? ObjectType.ORIGIN : ObjectType.RAW_EXTRINSIC_METADATA, ObjectId.of(id));
        }
        Qualifiers.Builder q = Qualifiers.builder();
        if (random.nextBoolean()) {
            q.origin(randomOrigin(random));
        }
        if (random.nextBoolean()) {
            q.visit(Swhid.of(ObjectType.SNAPSHOT, randomId(random)));
        }
        if (random.nextBoolean()) {
            q.anchor(Swhid.of(CORE[1 + random.nextInt(4)], randomId(random)));
        }
        if (random.nextBoolean()) {
            byte[] path = new byte[random.nextInt(12)];
            random.nextBytes(path);
            q.path(Bytes.of(path));
        }
        if (random.nextBoolean()) {
            q.lines(randomRange(random, strict ? 1 : 0, strict));
        }
        if (strict && random.nextBoolean()) {
            q.bytes(randomRange(random, 0, true));
        }
        return new Swhid(CORE[random.nextInt(CORE.length)], ObjectId.of(id), q.build());
    }

    private static ObjectId randomId(Random random) {
        byte[] id = new byte[20];
        random.nextBytes(id);
        return ObjectId.of(id);
    }

    private static String randomOrigin(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(10); n > 0; n--) {
            int pick = random.nextInt(10);
            if (pick == 0) {
                sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); // supplementary plane
            } else if (pick == 1) {
                int c;
                do {
                    c = random.nextInt(0x10000);
                } while (Character.isSurrogate((char) c));
                sb.append((char) c);
            } else {
                sb.append(ORIGIN_CHARS.charAt(random.nextInt(ORIGIN_CHARS.length())));
            }
        }
        return sb.toString();
    }

    private static Range randomRange(Random random, long min, boolean ordered) {
        BigInteger start = random.nextInt(20) == 0
                ? new BigInteger(100, random) : BigInteger.valueOf(min + random.nextInt(1000));
        if (random.nextBoolean()) {
            return new Range(start, Optional.empty());
        }
        BigInteger end = ordered ? start.add(BigInteger.valueOf(random.nextInt(1000))) : BigInteger.valueOf(random.nextInt(1000));
        return new Range(start, Optional.of(end));
    }
}
