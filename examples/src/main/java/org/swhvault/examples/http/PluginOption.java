package org.swhvault.examples.http;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.swhvault.examples.cli.Failure;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.PluginProvider;
import org.swhvault.spi.plugin.Plugins;

import picocli.CommandLine;

/**
 * A plug-in chosen on the command line ({@code vault serve --store}, {@code --state}): either by name,
 * {@code NAME}, {@code NAME:KEY=VALUE[,KEY=VALUE…]} or {@code NAME://…} (the plug-in's {@code url} setting) where
 * NAME is a plug-in of that extension point on the class path, or by a shorthand the command resolves before (a
 * directory, an {@code s3://} URL).
 *
 * @param option the option, such as {@code --store}, for messages
 * @param name the plug-in's name
 * @param config the plug-in's settings
 */
record PluginOption(String option, String name, Map<String, String> config) {
    private static final Pattern NAMED = Pattern.compile("([a-z][a-z0-9-]*)(?::(.*))?", Pattern.DOTALL);

    PluginOption {
        config = Map.copyOf(config);
    }

    /**
     * Reads {@code value} as {@code NAME[:KEY=VALUE,…]} if NAME is the name of a provider of {@code type}.
     *
     * @return the choice, or empty if the value is not of the form {@code NAME[:…]} or is a bare word that
     *     names no plug-in (it is then a shorthand, such as a directory)
     * @throws IllegalArgumentException with a sentence for the user if the value is {@code NAME:…} and no
     *     plug-in has that name, or the settings are malformed or hold a secret
     */
    static <P extends PluginProvider<?>> Optional<PluginOption> named(String option, Class<P> type, String value) {
        Matcher m = NAMED.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<P> providers = Plugins.all(type, PluginOption.class.getClassLoader());
        Optional<P> provider = providers.stream().filter(p -> p.name().equals(m.group(1))).findFirst();
        if (provider.isEmpty()) {
            if (m.group(2) == null) {
                return Optional.empty(); // a bare word: a relative directory
            }
            try {
                Plugins.select(type, PluginProvider::name, m.group(1), providers);
            } catch (VaultException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage() + "; a directory whose name has"
                        + " a ':' is written ./" + value);
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        String settings = m.group(2);
        if (settings != null && settings.startsWith("//")) {
            config.put("url", value); // NAME://… is the plug-in's URL, such as postgresql://user@host/db
        } else if (settings != null && !settings.isEmpty()) {
            for (String pair : settings.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(option + ": '" + pair + "' is not KEY=VALUE; give "
                            + m.group(1) + ":KEY=VALUE[,KEY=VALUE…]");
                }
                String key = pair.substring(0, eq).strip();
                if (secret(provider.get().secretProperties(), key)) {
                    throw new IllegalArgumentException(option + ": '" + key + "' is secret and is not accepted on"
                            + " the command line, where other users can see it; see --help for where it comes from");
                }
                if (config.put(key, pair.substring(eq + 1)) != null) {
                    throw new IllegalArgumentException(option + ": setting '" + key + "' is given twice");
                }
            }
        }
        return Optional.of(new PluginOption(option, m.group(1), config));
    }

    private static boolean secret(Set<String> secrets, String key) {
        return secrets.stream().anyMatch(key::equalsIgnoreCase);
    }

    /** The directory the plug-in keeps its data in, if it is a local one ({@code path}). */
    Optional<Path> directory() {
        return Optional.ofNullable(config.get("path")).map(Path::of);
    }

    /**
     * Creates the plug-in. A setting it refuses, or a plug-in missing from the class path, is a usage error
     * naming the option; so is a local directory it cannot use. Other failures (a server that cannot be
     * reached) are the command's runtime failures.
     */
    <T, P extends PluginProvider<T>> T open(CommandLine commandLine, Class<P> type) {
        try {
            return Plugins.create(type, name, config, PluginContext.standalone(name),
                    PluginOption.class.getClassLoader());
        } catch (VaultException e) {
            if (e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.PLUGIN_NOT_FOUND) {
                throw new CommandLine.ParameterException(commandLine, option + ": " + e.getMessage());
            }
            if (directory().isPresent()) {
                throw new CommandLine.ParameterException(commandLine, option + ": cannot use the directory "
                        + directory().get() + ": " + Failure.describe(e.getCause() != null ? e.getCause() : e));
            }
            throw e;
        }
    }

    /** How the startup line shows the choice: the directory, else the name. */
    @Override
    public String toString() {
        return directory().map(Path::toString).orElse(name);
    }
}
