package org.swhvault.core.request;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.request.RequestStore;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryRequestStoreTest extends RequestStoreContract {
    @Override
    RequestStore open() {
        return new MemoryRequestStore();
    }

    @Test
    void aMemoryStoreMayBeSharedSoItIsNotExclusive() {
        assertThat(store.isExclusive()).isFalse();
    }
}
