package org.swhvault.spi.source;

import org.swhvault.spi.plugin.PluginProvider;

/**
 * Creates {@link ObjectSource}s of one kind, found by name through {@link java.util.ServiceLoader}
 * (register the class in {@code META-INF/services/org.swhvault.spi.source.ObjectSourceProvider}). A
 * source is closed by whoever created it.
 */
public interface ObjectSourceProvider extends PluginProvider<ObjectSource> {
}
