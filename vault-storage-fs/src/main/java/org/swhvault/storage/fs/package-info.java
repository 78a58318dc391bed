/**
 * A {@link org.swhvault.spi.store.BundleStore} on a local directory: {@link org.swhvault.storage.fs.FsBundleStore}
 * (its class comment documents the on-disk layout and the crash guarantees), found by
 * {@link java.util.ServiceLoader} under the name {@code fs} through
 * {@link org.swhvault.storage.fs.FsBundleStoreProvider} (configuration key {@code path}).
 */
package org.swhvault.storage.fs;
