/**
 * The {@code fs} bundle store: bundles in a local directory, published atomically. Depends on the JDK and
 * the vault's SPI only.
 */
module org.swhvault.storage.fs {
    requires transitive org.swhvault.spi;

    exports org.swhvault.storage.fs;

    provides org.swhvault.spi.store.BundleStoreProvider with org.swhvault.storage.fs.FsBundleStoreProvider;
}
