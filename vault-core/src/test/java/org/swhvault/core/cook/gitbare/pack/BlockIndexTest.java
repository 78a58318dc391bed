package org.swhvault.core.cook.gitbare.pack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.eclipse.jgit.internal.storage.pack.BinaryDelta;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deltas encoded by {@link BlockIndex}, applied by JGit's independent decoder ({@link BinaryDelta}). */
class BlockIndexTest {
    private final BlockIndex.Output out = new BlockIndex.Output();

    /** Encodes without a useful limit, checks JGit rebuilds the target from the delta, returns the delta. */
    private byte[] roundTrip(byte[] base, byte[] target) {
        assertThat(new BlockIndex(base).encode(target, Integer.MAX_VALUE, out)).isTrue();
        byte[] delta = out.toByteArray();
        assertThat(BinaryDelta.getBaseSize(delta)).isEqualTo(base.length);
        assertThat(BinaryDelta.getResultSize(delta)).isEqualTo(target.length);
        assertThat(BinaryDelta.apply(base, delta)).isEqualTo(target);
        return delta;
    }

    private static byte[] text(Random random, int lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            s.append("line ").append(i).append(": ").append(Long.toHexString(random.nextLong())).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void editsCostAboutWhatTheyChange() {
        Random random = new Random(1);
        byte[] base = text(random, 2000);
        byte[] edited = base.clone();
        edited[5000] = 'X';
        byte[] inserted = new byte[base.length + 7];
        System.arraycopy(base, 0, inserted, 0, 30_000);
        System.arraycopy("INSERT!".getBytes(StandardCharsets.US_ASCII), 0, inserted, 30_000, 7);
        System.arraycopy(base, 30_000, inserted, 30_007, base.length - 30_000);
        byte[] deleted = new byte[base.length - 1000];
        System.arraycopy(base, 0, deleted, 0, 10_000);
        System.arraycopy(base, 11_000, deleted, 10_000, base.length - 11_000);

        assertThat(roundTrip(base, base)).hasSizeLessThan(20);
        for (byte[] target : new byte[][] {edited, inserted, deleted}) {
            assertThat(roundTrip(base, target)).hasSizeLessThan(60);
        }
    }

    @Test
    void anyBytesRoundTrip() {
        Random random = new Random(2);
        for (int round = 0; round < 300; round++) {
            byte[] base = new byte[random.nextInt(5000)];
            random.nextBytes(base);
            if (round % 3 == 0) {
                Arrays.fill(base, 0, base.length / 2, (byte) 7); // repeated blocks
            }
            byte[] target = new byte[random.nextInt(6000)];
            int at = 0;
            while (at < target.length) {
                int n = Math.min(target.length - at, 1 + random.nextInt(300));
                if (random.nextBoolean() && base.length > n) {
                    System.arraycopy(base, random.nextInt(base.length - n), target, at, n);
                } else {
                    byte[] noise = new byte[n];
                    random.nextBytes(noise);
                    System.arraycopy(noise, 0, target, at, n);
                }
                at += n;
            }
            roundTrip(base, target);
        }
    }

    @Test
    void emptyShortAndUnrelatedObjectsRoundTripAsLiterals() {
        byte[] some = "some text that is longer than a block\n".getBytes(StandardCharsets.US_ASCII);
        roundTrip(new byte[0], some);
        roundTrip(some, new byte[0]);
        roundTrip(some, "short".getBytes(StandardCharsets.US_ASCII));
        roundTrip("short".getBytes(StandardCharsets.US_ASCII), some);
        byte[] other = new byte[1000];
        new Random(3).nextBytes(other);
        assertThat(roundTrip(some, other)).hasSizeGreaterThan(1000);
    }

    @Test
    void longCopiesAreSplitAt64KiBAndFarOffsetsTakeFourBytes() {
        Random random = new Random(4);
        byte[] base = new byte[(1 << 24) + 300_000];
        random.nextBytes(base);
        byte[] target = new byte[400_000];
        System.arraycopy(base, base.length - 350_000, target, 0, 350_000); // offset past 2^24
        System.arraycopy(base, 0, target, 350_000, 50_000);
        byte[] delta = roundTrip(base, target);
        assertThat(delta).hasSizeLessThan(80);
    }

    @Test
    void aDeltaOfTheLimitOrMoreIsRefused() {
        Random random = new Random(5);
        byte[] base = text(random, 500);
        byte[] unrelated = text(random, 500);
        BlockIndex index = new BlockIndex(base);
        assertThat(index.encode(unrelated, 1000, out)).isFalse();

        byte[] close = base.clone();
        close[100] = '#';
        assertThat(index.encode(close, Integer.MAX_VALUE, out)).isTrue();
        int size = out.size();
        assertThat(index.encode(close, size, out)).isFalse();
        assertThat(index.encode(close, size + 1, out)).isTrue();
        assertThat(BinaryDelta.apply(base, out.toByteArray())).isEqualTo(close);
    }
}
