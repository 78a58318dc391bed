/**
 * A {@link org.swhvault.spi.store.BundleStore} on Amazon S3 or any S3-compatible object store:
 * {@link org.swhvault.storage.s3.S3BundleStore}, built with {@link org.swhvault.storage.s3.S3BundleStoreBuilder}
 * or found by the name {@code s3} through {@link org.swhvault.storage.s3.S3BundleStoreProvider}.
 */
package org.swhvault.storage.s3;
