package org.swhvault.objstorage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.objstorage.ObjStorageProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Plugins;

import static java.util.Objects.requireNonNull;

/**
 * An objstorage named in one word, as a command line takes it ({@code --objstorage pathslicing:/srv/objects}):
 * the provider's name and its settings. The forms:
 * <ul>
 *   <li>{@code NAME:KEY=VALUE,…}: the provider named so with those settings, such as
 *       {@code pathslicing:root=/srv/objects,slicing=0:2/2:4/4:6,compression=none} or
 *       {@code s3:bucket=softwareheritage,prefix=content};</li>
 *   <li>{@code pathslicing:DIR}: the {@code pathslicing} provider with {@code root=DIR};</li>
 *   <li>{@code s3://BUCKET} or {@code s3://BUCKET/PREFIX}: the {@code s3} provider with {@code bucket} and
 *       {@code prefix} (such as {@code s3://softwareheritage/content}, the layout of Software Heritage's public
 *       bucket);</li>
 *   <li>{@code NAME}: the provider named so, with no settings.</li>
 * </ul>
 * Further settings (a compression, a slicing, an endpoint) are added with {@link #with(String, String)}.
 *
 * @param provider the name of the {@link ObjStorageProvider}
 * @param settings its settings
 */
public record ObjStorageSpec(String provider, Map<String, String> settings) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PATHSLICING = Pattern.compile("pathslicing:(.+)", Pattern.DOTALL);
    /** A provider's name, then its settings: {@code KEY=VALUE} items separated by commas. */
    private static final Pattern SETTINGS = Pattern.compile("([a-z0-9][a-z0-9-]*):([A-Za-z][A-Za-z0-9_-]*=.*)",
            Pattern.DOTALL);
    private static final Pattern SETTING = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern S3 = Pattern.compile("s3://([^/]+)(?:/(.*))?", Pattern.DOTALL);

    /** Validates and copies the components. */
    public ObjStorageSpec {
        requireNonNull(provider, "provider is null");
        settings = Map.copyOf(settings);
    }

    /**
     * Reads a spec in one of the forms above.
     *
     * @param spec such as {@code pathslicing:/srv/objects}
     * @return the provider and its settings
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} if {@code spec} has none of the forms
     */
    public static ObjStorageSpec parse(String spec) {
        requireNonNull(spec, "spec is null");
        Matcher m = SETTINGS.matcher(spec);
        if (m.matches()) {
            return new ObjStorageSpec(m.group(1), settings(m.group(1), m.group(2)));
        }
        m = PATHSLICING.matcher(spec);
        if (m.matches()) {
            return new ObjStorageSpec("pathslicing", Map.of(PathSlicingObjStorageProvider.ROOT, m.group(1)));
        }
        m = S3.matcher(spec);
        if (m.matches()) {
            String prefix = m.group(2) == null ? "" : m.group(2);
            return new ObjStorageSpec("s3", prefix.isEmpty() ? Map.of("bucket", m.group(1))
                    : Map.of("bucket", m.group(1), "prefix", prefix));
        }
        if (NAME.matcher(spec).matches()) {
            return new ObjStorageSpec(spec, Map.of());
        }
        throw new VaultException(ErrorCode.INVALID_ARGUMENT, "Cannot read the objstorage '" + spec
                + "': write pathslicing:DIR, s3://BUCKET/PREFIX, or the name of an objstorage provider.");
    }

    /**
     * The settings of {@code KEY=VALUE,KEY=VALUE}, each key once. A message never quotes a value: it may be a
     * secret.
     */
    private static Map<String, String> settings(String provider, String list) {
        Map<String, String> settings = new LinkedHashMap<>();
        String[] items = list.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            Matcher m = SETTING.matcher(items[i]);
            if (!m.matches()) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "Cannot read the " + provider
                        + " objstorage's settings: item " + (i + 1) + " of " + items.length + " is not KEY=VALUE"
                        + " (write NAME:KEY=VALUE,KEY=VALUE, such as"
                        + " pathslicing:root=DIR,slicing=0:2/2:4/4:6,compression=none).");
            }
            if (settings.put(m.group(1), m.group(2)) != null) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "Cannot read the " + provider
                        + " objstorage's settings: '" + m.group(1) + "' is set twice.");
            }
        }
        return settings;
    }

    /**
     * Returns this spec with one more setting, which replaces a setting of the same key.
     *
     * @param key the setting's key
     * @param value its value
     * @return the new spec
     */
    public ObjStorageSpec with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return new ObjStorageSpec(provider, more);
    }

    /**
     * Creates the objstorage with the provider of that name visible to {@code loader}. Blocks while it opens.
     *
     * @param context what the host lends the objstorage
     * @param loader where to look for providers; {@code null} means the system class loader
     * @return the objstorage, which the caller closes
     * @throws VaultException with {@link ErrorCode#PLUGIN_NOT_FOUND} if no provider has the name, or as the
     *     provider's {@code create} does
     */
    public ObjStorage create(PluginContext context, ClassLoader loader) {
        return Plugins.create(ObjStorageProvider.class, provider, settings, context, loader);
    }
}
