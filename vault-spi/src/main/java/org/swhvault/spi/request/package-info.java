/**
 * Where the vault records bundle requests: the {@link org.swhvault.spi.request.RequestStore} plug-in
 * interface and its row, {@link org.swhvault.spi.request.BundleRequest}.
 */
package org.swhvault.spi.request;
