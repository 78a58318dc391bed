package org.swhvault.testing;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.swhid.ObjectType;

import static org.assertj.core.api.Assertions.assertThat;

class BundleKeysTest {
    @Test
    void keysHaveAnObjectTypeTheBundleTypeCooks() {
        assertThat(BundleKeys.random(BundleType.FLAT).swhid().type()).isEqualTo(ObjectType.DIRECTORY);
        assertThat(BundleKeys.random(BundleType.GITFAST).swhid().type()).isEqualTo(ObjectType.REVISION);
        assertThat(BundleKeys.random(BundleType.GIT_BARE).swhid().type()).isEqualTo(ObjectType.SNAPSHOT);
    }

    @Test
    void seededKeysRepeatAndRandomKeysDiffer() {
        BundleKey a = BundleKeys.random(BundleType.FLAT, new Random(5));
        BundleKey b = BundleKeys.random(BundleType.FLAT, new Random(5));
        assertThat(a).isEqualTo(b);
        assertThat(BundleKeys.random()).isNotEqualTo(BundleKeys.random());
    }
}
