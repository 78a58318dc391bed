/**
 * A {@link org.swhvault.spi.store.BundleStore} on Amazon S3 or any S3-compatible object store:
 * {@link org.swhvault.storage.s3.S3BundleStore}, built with {@link org.swhvault.storage.s3.S3BundleStoreBuilder}
 * or found by the name {@code s3} through {@link org.swhvault.storage.s3.S3BundleStoreProvider}; and an
 * {@link org.swhvault.spi.objstorage.ObjStorage} in a bucket laid out as swh-objstorage's S3 back end lays it
 * out, {@link org.swhvault.storage.s3.S3ObjStorage}, found by the name {@code s3} through
 * {@link org.swhvault.storage.s3.S3ObjStorageProvider}, on the same connection settings.
 */
package org.swhvault.storage.s3;
