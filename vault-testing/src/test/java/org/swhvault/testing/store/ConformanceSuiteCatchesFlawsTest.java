package org.swhvault.testing.store;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.testing.store.InMemoryBundleStore.Flaw;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** Each test of the suite fails on a store with the flaw it is there to catch. */
class ConformanceSuiteCatchesFlawsTest {
    @Test
    void aWriterThatPublishesBeforeCommitFails() {
        assertFails(VisibleBeforeCommit.class, "closingWithoutCommitLeavesNothing");
        assertFails(VisibleBeforeCommit.class, "roundTripOfOneByte");
    }

    @Test
    void aRangeThatReadsTooMuchFails() {
        assertFails(RangeIgnoresLength.class, "rangesReadExactlyTheBytesTheyCover");
    }

    @Test
    void aVerifyThatSeesNoDamageFails() {
        assertFails(VerifyAlwaysTrue.class, "verifyDetectsDamagedBytes");
    }

    @Test
    void writersThatShareATemporaryFail() {
        assertFails(SharedTemporary.class, "concurrentWritersOfOneKeyLeaveExactlyOneWholeBundle");
    }

    @Test
    void aCorrectStorePassesTheSameTests() {
        for (String test : new String[] {"closingWithoutCommitLeavesNothing", "rangesReadExactlyTheBytesTheyCover",
                "verifyDetectsDamagedBytes", "concurrentWritersOfOneKeyLeaveExactlyOneWholeBundle"}) {
            run(Flawless.class, test).assertStatistics(stats -> stats.started(1).succeeded(1));
        }
    }

    private static void assertFails(Class<?> suite, String test) {
        run(suite, test).assertStatistics(stats -> stats.started(1).failed(1));
    }

    private static Events run(Class<?> suite, String test) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(suite, test)).execute().testEvents();
    }

    abstract static class Flawed extends BundleStoreConformanceTest {
        private final Set<Flaw> flaws;

        Flawed(Set<Flaw> flaws) {
            this.flaws = flaws;
        }

        @Override
        protected BundleStore newStore() {
            return new InMemoryBundleStore(flaws);
        }

        @Override
        protected void corrupt(BundleStore store, BundleKey key) throws Exception {
            ((InMemoryBundleStore) store).corrupt(key);
        }
    }

    static class Flawless extends Flawed {
        Flawless() {
            super(Set.of());
        }
    }

    static class VisibleBeforeCommit extends Flawed {
        VisibleBeforeCommit() {
            super(Set.of(Flaw.VISIBLE_BEFORE_COMMIT));
        }
    }

    static class RangeIgnoresLength extends Flawed {
        RangeIgnoresLength() {
            super(Set.of(Flaw.RANGE_IGNORES_LENGTH));
        }
    }

    static class VerifyAlwaysTrue extends Flawed {
        VerifyAlwaysTrue() {
            super(Set.of(Flaw.VERIFY_ALWAYS_TRUE));
        }
    }

    static class SharedTemporary extends Flawed {
        SharedTemporary() {
            super(Set.of(Flaw.SHARED_TEMPORARY));
        }
    }
}
