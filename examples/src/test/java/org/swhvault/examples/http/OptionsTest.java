package org.swhvault.examples.http;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {
    @Test
    void theStoreDefaultsToTheXdgCacheDirectoryElseHomeCache() {
        assertThat(StoreDirectory.defaultFor(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/me"))
                .isEqualTo(Path.of("/var/cache/me/swhvault"));
        assertThat(StoreDirectory.defaultFor(Map.of(), "/home/me")).isEqualTo(Path.of("/home/me/.cache/swhvault"));
        assertThat(StoreDirectory.defaultFor(Map.of("XDG_CACHE_HOME", ""), "/home/me"))
                .isEqualTo(Path.of("/home/me/.cache/swhvault"));
        assertThat(StoreDirectory.defaultFor(Map.of("XDG_CACHE_HOME", "relative"), "/home/me"))
                .as("XDG says to ignore relative paths").isEqualTo(Path.of("/home/me/.cache/swhvault"));
    }

    /** A container under a user id without a passwd entry: HOME is set, the JVM's user.home is "?". */
    @Test
    void homeComesFromTheEnvironmentFirstAndWithoutAnyHomeStoreIsAskedFor() {
        assertThat(StoreDirectory.defaultFor(Map.of("HOME", "/home/env"), "?"))
                .isEqualTo(Path.of("/home/env/.cache/swhvault"));
        assertThat(StoreDirectory.defaultFor(Map.of("HOME", "/home/env"), "/home/passwd"))
                .isEqualTo(Path.of("/home/env/.cache/swhvault"));
        assertThat(StoreDirectory.defaultFor(Map.of("HOME", "relative"), "/home/passwd"))
                .isEqualTo(Path.of("/home/passwd/.cache/swhvault"));
        assertThatThrownBy(() -> StoreDirectory.defaultFor(Map.of(), "?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--store: there is no home directory to keep bundles in (HOME is not set and the JVM"
                        + " found '?'); give --store DIR");
    }

    @Test
    void sizesTakeBinaryUnits() {
        assertThat(ByteSize.parse("1048576")).isEqualTo(1L << 20);
        assertThat(ByteSize.parse("512M")).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("1g")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("10KB")).isEqualTo(10L << 10);
        for (String bad : new String[] {"", "0", "-1", "1X", "M", "99999999999T"}) {
            assertThatThrownBy(() -> ByteSize.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }
}
