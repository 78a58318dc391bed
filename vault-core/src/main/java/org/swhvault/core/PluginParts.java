package org.swhvault.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.PluginProvider;
import org.swhvault.spi.plugin.Plugins;

import static java.util.Objects.requireNonNull;

/**
 * What {@link VaultBuilder#build()} creates for a vault (plug-ins selected by name, the scheduler), in order,
 * so that the vault closes them in the reverse order when it closes, and a failed build closes them at once.
 * Not thread-safe.
 */
final class PluginParts {
    /** A plug-in selected by name, with its settings. */
    record Choice(String name, Map<String, String> config) {
        Choice {
            requireNonNull(name, "name is null");
            config = Map.copyOf(requireNonNull(config, "config is null"));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PluginParts.class);

    private final List<AutoCloseable> owned = new ArrayList<>();

    /** Creates the chosen plug-in of an extension point with the host's context, and owns it. */
    <T extends AutoCloseable, P extends PluginProvider<T>> T create(Class<P> type, Choice choice,
            PluginContext context) {
        T created = Plugins.create(type, choice.name(), choice.config(), context,
                Thread.currentThread().getContextClassLoader());
        owned.add(created);
        return created;
    }

    /** Owns something else the builder made, such as the scheduler. */
    void own(AutoCloseable resource) {
        owned.add(requireNonNull(resource, "resource is null"));
    }

    /** Closes what was created, in the reverse order; a failure is logged and the others still closed. */
    void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            AutoCloseable resource = owned.get(i);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", resource, e.toString());
            }
        }
    }
}
