package org.swhvault.http;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

import org.swhvault.spi.store.BundleKey;
import org.swhvault.spi.store.BundleStore;
import org.swhvault.testing.store.ForwardingBundleStore;

/**
 * A file store that also signs download URLs, as an object store does: every call goes to the real store
 * except {@link #downloadUrl}, answered by the given function.
 */
final class SigningStore extends ForwardingBundleStore {
    private final BiFunction<BundleKey, Duration, Optional<URI>> signer;

    SigningStore(BundleStore store, BiFunction<BundleKey, Duration, Optional<URI>> signer) {
        super(store);
        this.signer = signer;
    }

    @Override
    public Optional<URI> downloadUrl(BundleKey key, Duration validity) {
        return signer.apply(key, validity);
    }
}
