/**
 * The conformance suite every {@link org.swhvault.spi.store.BundleStore} passes: extend
 * {@link org.swhvault.testing.store.BundleStoreConformanceTest} in a test class of your store's module.
 */
package org.swhvault.testing.store;
