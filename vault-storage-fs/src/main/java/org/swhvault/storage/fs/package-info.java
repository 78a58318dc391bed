/** A {@link org.swhvault.spi.store.BundleStore} on a local directory. */
package org.swhvault.storage.fs;
