package org.swhvault.core.request;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.request.RequestStore;
import org.swhvault.testing.request.RequestStoreConformanceTest;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryRequestStoreTest extends RequestStoreConformanceTest {
    @Override
    protected RequestStore open() {
        return new MemoryRequestStore();
    }

    @Test
    void aMemoryStoreMayBeSharedSoItIsNotExclusive() {
        assertThat(store.isExclusive()).isFalse();
    }
}
