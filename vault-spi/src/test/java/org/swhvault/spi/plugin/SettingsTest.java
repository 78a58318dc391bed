package org.swhvault.spi.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static Settings of(String key, String value) {
        return Settings.of("test plug-in", Map.of(key, value));
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "512KiB, 524288", "16MiB, 16777216", "1GiB, 1073741824", "2t, 2199023255552",
            "1 G, 1073741824", "0, 0", "10kb, 10240"})
    void sizesTakeBinaryUnits(String text, long bytes) {
        assertThat(of("size", text).size("size", 7)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "250ms, PT0.25S", "5m, PT5M", "5min, PT5M", "2h, PT2H", "1d, PT24H", "PT1H30M, PT1H30M",
            "pt10s, PT10S"})
    void durationsAreIsoOrShort(String text, String iso) {
        assertThat(of("d", text).duration("d", Duration.ZERO)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void missingKeysGiveTheDefaults() {
        Settings settings = Settings.of("test plug-in", Map.of());
        assertThat(settings.size("size", 7)).isEqualTo(7);
        assertThat(settings.duration("d", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.bool("b", true)).isTrue();
        assertThat(settings.integer("n", 4, 1, 10)).isEqualTo(4);
        assertThat(settings.optionalPath("p")).isEmpty();
        settings.rejectUnknown();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "size | lots | setting 'size' must be a size such as 1048576, 512KiB, 16MiB or 1GiB, got 'lots'",
        "size | -1   | setting 'size' must be a size",
        "d    | soon | setting 'd' must be a duration such as 30s, 5m, 2h, 1d or PT1H30M, got 'soon'",
        "d    | -5s  | setting 'd' must be a duration",
        "b    | yes  | setting 'b' must be true or false, got 'yes'",
        "n    | 11   | setting 'n' must be a whole number from 1 to 10, got '11'",
        "n    | x    | setting 'n' must be a whole number from 1 to 10, got 'x'",
        "p    | a\u0000b | setting 'p' must be a file system path"})
    void aBadValueNamesThePluginTheKeyTheValueAndWhatIsAllowed(String key, String value, String message) {
        Settings settings = of(key, value);
        assertThatThrownBy(() -> {
            switch (key) {
                case "size" -> settings.size(key, 0);
                case "d" -> settings.duration(key, Duration.ZERO);
                case "b" -> settings.bool(key, false);
                case "n" -> settings.integer(key, 1, 1, 10);
                default -> settings.optionalPath(key);
            }
        }).isInstanceOfSatisfying(VaultException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).startsWith("The test plug-in ").contains(message).endsWith(".");
        });
    }

    @Test
    void aMissingRequiredKeySaysWhatItIs() {
        assertThatThrownBy(() -> Settings.of("fs bundle store", Map.of("path", " ")).path("path", "its root directory"))
                .hasMessage("The fs bundle store needs 'path' (its root directory), got a blank value.");
        assertThatThrownBy(() -> Settings.of("fs bundle store", Map.of()).path("path", "its root directory"))
                .hasMessage("The fs bundle store needs 'path' (its root directory).");
        assertThat(of("path", "/srv/vault").path("path", "its root")).isEqualTo(Path.of("/srv/vault"));
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnesAndASuggestion() {
        Settings settings = Settings.of("git-bare cooker", Map.of("levle", "9", "reuse", "true"));
        settings.bool("reuse", true);
        settings.integer("level", 6, 0, 9);
        assertThatThrownBy(settings::rejectUnknown).isInstanceOfSatisfying(VaultException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo("The git-bare cooker does not know the setting 'levle' (did you mean"
                    + " 'level'?); its settings are 'reuse', 'level'.");
        });
        Settings none = Settings.of("memory source", Map.of("x", "1", "y", "2"));
        assertThatThrownBy(none::rejectUnknown)
                .hasMessage("The memory source does not know the settings 'x', 'y'; it takes no settings.");
    }
}
