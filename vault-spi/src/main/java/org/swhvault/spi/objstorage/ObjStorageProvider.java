package org.swhvault.spi.objstorage;

import org.swhvault.spi.plugin.PluginProvider;

/**
 * Creates {@link ObjStorage}s of one kind (such as {@code pathslicing}), found by name through
 * {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.swhvault.spi.objstorage.ObjStorageProvider}). An objstorage is closed by
 * whoever created it.
 */
public interface ObjStorageProvider extends PluginProvider<ObjStorage> {
}
