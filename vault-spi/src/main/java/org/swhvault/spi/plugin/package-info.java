/**
 * What every plug-in provider shares: {@link org.swhvault.spi.plugin.Settings}, the reader of a
 * provider's configuration map, which parses numbers, sizes, durations, booleans and paths the same way
 * for every plug-in and rejects keys the provider does not know.
 */
package org.swhvault.spi.plugin;
