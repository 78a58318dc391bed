package org.swhvault.spi.plugin;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static java.util.Objects.requireNonNull;

/**
 * Reads a plug-in's configuration ({@code Map<String, String>}, as providers receive it) with one policy
 * for every plug-in: each getter names the key it reads, {@link #rejectUnknown()} then refuses the keys no
 * getter asked for, and every bad value is a {@link VaultException} with {@link ErrorCode#INVALID_ARGUMENT}
 * whose sentence names the plug-in, the key, the value and what is allowed. Not thread-safe; one per
 * {@code create} call.
 *
 * <pre>{@code
 * Settings settings = Settings.of("fs bundle store", config);
 * Path root = settings.path("path");
 * settings.rejectUnknown();
 * }</pre>
 */
public final class Settings {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

    private final String plugin;
    private final Map<String, String> config;
    private final Set<String> known = new LinkedHashSet<>();

    private Settings(String plugin, Map<String, String> config) {
        this.plugin = plugin;
        this.config = Map.copyOf(config);
    }

    /**
     * Returns a reader of {@code config}.
     *
     * @param plugin how messages name the plug-in, such as {@code "fs bundle store"}
     * @param config the configuration
     * @return the reader
     */
    public static Settings of(String plugin, Map<String, String> config) {
        requireNonNull(plugin, "plugin is null");
        requireNonNull(config, "config is null");
        return new Settings(plugin, config);
    }

    /**
     * Returns a key's value, stripped, if it is set and not blank.
     *
     * @param key the key
     * @return the value
     */
    public Optional<String> optional(String key) {
        known.add(requireNonNull(key, "key is null"));
        String value = config.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * Returns a key's value.
     *
     * @param key the key
     * @param what what the value is, for the message when it is missing, such as {@code "its root directory"}
     * @return the value, stripped
     * @throws VaultException if the key is missing or blank
     */
    public String required(String key, String what) {
        return optional(key).orElseThrow(() -> invalid("needs '" + key + "' (" + what + ")"
                + (config.containsKey(key) ? ", got a blank value" : "")));
    }

    /**
     * Returns a whole number within bounds.
     *
     * @param key the key
     * @param defaultValue the value when the key is not set
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return the number
     * @throws VaultException if the value is not a whole number from {@code min} to {@code max}
     */
    public long integer(String key, long defaultValue, long min, long max) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad(key, value.get(), "a whole number from " + min + " to " + max);
    }

    /**
     * Returns a size in bytes, written as bytes or with a binary unit: {@code 1048576}, {@code 512KiB},
     * {@code 16MiB}, {@code 1GiB}, {@code 2T} (units are powers of 1024, case does not matter).
     *
     * @param key the key
     * @param defaultValue the value when the key is not set
     * @return the size, at least 0
     * @throws VaultException if the value is not such a size
     */
    public long size(String key, long defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(value.get().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            int shift = switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
            };
            try {
                long n = Long.parseLong(m.group(1));
                if (n <= Long.MAX_VALUE >> shift) {
                    return n << shift;
                }
            } catch (NumberFormatException e) {
                // said below
            }
        }
        throw bad(key, value.get(), "a size such as 1048576, 512KiB, 16MiB or 1GiB");
    }

    /**
     * Returns a duration, ISO-8601 ({@code PT1H30M}) or short ({@code 250ms}, {@code 30s}, {@code 5m} or
     * {@code 5min}, {@code 2h}, {@code 1d}).
     *
     * @param key the key
     * @param defaultValue the value when the key is not set
     * @return the duration, never negative
     * @throws VaultException if the value is not such a duration
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Optional<Duration> parsed = parseDuration(value.get());
        if (parsed.isPresent()) {
            return parsed.get();
        }
        throw bad(key, value.get(), "a duration such as 30s, 5m, 2h, 1d or PT1H30M");
    }

    /**
     * Reads a duration the way {@link #duration(String, Duration)} does, for a value that is not a setting (a
     * command-line option).
     *
     * @param value ISO-8601 ({@code PT1H30M}) or short ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d})
     * @return the duration, or empty if the value is not a non-negative duration
     */
    public static Optional<Duration> parseDuration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(text);
        try {
            Duration d;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m", "min" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            }
            return d.isNegative() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns a boolean, written {@code true} or {@code false} (no other spelling, so that a typo is
     * not silently false).
     *
     * @param key the key
     * @param defaultValue the value when the key is not set
     * @return the boolean
     * @throws VaultException if the value is neither
     */
    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, value.get(), "true or false");
        };
    }

    /**
     * Returns a path, if the key is set.
     *
     * @param key the key
     * @return the path
     * @throws VaultException if the value is not a valid path
     */
    public Optional<Path> optionalPath(String key) {
        Optional<String> value = optional(key);
        try {
            return value.map(Path::of);
        } catch (InvalidPathException e) {
            throw bad(key, value.get(), "a file system path (" + e.getReason() + ")");
        }
    }

    /**
     * Returns a path that must be given.
     *
     * @param key the key
     * @param what what the path is, for the message when it is missing
     * @return the path
     * @throws VaultException if the key is missing or not a valid path
     */
    public Path path(String key, String what) {
        required(key, what);
        return optionalPath(key).orElseThrow();
    }

    /**
     * Refuses the keys of the configuration that no getter of this reader asked for. Call it after
     * reading every setting.
     *
     * @throws VaultException naming the unknown keys, the known ones, and the known key closest to a
     *     mistyped one
     */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return;
        }
        StringBuilder sentence = new StringBuilder("does not know the setting").append(unknown.size() > 1 ? "s " : " ")
                .append(String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList()));
        String first = unknown.iterator().next();
        known.stream().filter(k -> distance(k, first) <= 2).findFirst()
                .ifPresent(k -> sentence.append(" (did you mean '").append(k).append("'?)"));
        sentence.append("; ").append(known.isEmpty() ? "it takes no settings"
                : "its settings are " + String.join(", ", known.stream().map(k -> "'" + k + "'").toList()));
        throw invalid(sentence.toString());
    }

    private VaultException bad(String key, String value, String allowed) {
        return invalid("setting '" + key + "' must be " + allowed + ", got '" + value + "'");
    }

    private VaultException invalid(String what) {
        return new VaultException(ErrorCode.INVALID_ARGUMENT, "The " + plugin + " " + what + ".");
    }

    /** Levenshtein distance, for "did you mean" (also {@link Plugins}'s). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
