/**
 * The embeddable vault: {@link org.swhvault.core.Vault}, built with {@link org.swhvault.core.VaultBuilder},
 * takes bundle requests, cooks them in the background, serves and expires them. The values it returns
 * ({@link org.swhvault.core.BundleStatus}, {@link org.swhvault.core.OpenBundle},
 * {@link org.swhvault.core.BatchStatus}, {@link org.swhvault.core.ExpiryReport}) and the hooks it calls
 * ({@link org.swhvault.core.VaultListener}) live here too.
 */
package org.swhvault.core;
