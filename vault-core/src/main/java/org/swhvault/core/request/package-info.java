/**
 * The request stores that ship with the vault: {@link org.swhvault.core.request.MemoryRequestStore} (the
 * default, forgotten at exit) and {@link org.swhvault.core.request.JournalRequestStore} (durable, for the
 * embedded vault on one machine).
 */
package org.swhvault.core.request;
