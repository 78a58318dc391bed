package org.swhvault.testing;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * Makes bundle keys for tests: a random object id, with an object type that the bundle type can cook
 * ({@code dir} for {@code flat}, {@code rev} for {@code gitfast}, {@code snp} for {@code git-bare}).
 */
public final class BundleKeys {
    private BundleKeys() {
    }

    /**
     * Returns a key of a random bundle type with a random object id.
     *
     * @return a new key, different from every other key this method returned with overwhelming probability
     */
    public static BundleKey random() {
        BundleType[] types = BundleType.values();
        return random(types[ThreadLocalRandom.current().nextInt(types.length)]);
    }

    /**
     * Returns a key of the given bundle type with a random object id.
     *
     * @param type the bundle type
     * @return a new key
     */
    public static BundleKey random(BundleType type) {
        return random(type, ThreadLocalRandom.current());
    }

    /**
     * Returns a key of the given bundle type whose object id is drawn from {@code random}, so a seeded
     * generator gives the same keys on every run.
     *
     * @param type the bundle type
     * @param random where the 20 bytes of the object id come from
     * @return a new key
     */
    public static BundleKey random(BundleType type, Random random) {
        requireNonNull(type, "type is null");
        requireNonNull(random, "random is null");
        byte[] id = new byte[ObjectId.LENGTH];
        random.nextBytes(id);
        return new BundleKey(type, Swhid.of(objectTypeFor(type), ObjectId.of(id)));
    }

    private static ObjectType objectTypeFor(BundleType type) {
        return switch (type) {
            case FLAT -> ObjectType.DIRECTORY;
            case GITFAST -> ObjectType.REVISION;
            case GIT_BARE -> ObjectType.SNAPSHOT;
        };
    }
}
