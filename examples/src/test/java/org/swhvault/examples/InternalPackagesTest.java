package org.swhvault.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vault-core's {@code internal} packages, and git-bare's pack writer ({@code cook.gitbare.pack}), are its own:
 * no other module's sources (main or test) import them, so they can change without breaking a plug-in, a host
 * or the command line.
 */
class InternalPackagesTest {
    private static final Pattern CORE_INTERNAL = Pattern.compile(
            "^import (static )?org\\.swhvault\\.core\\.(([a-z0-9]+\\.)*internal|cook\\.gitbare\\.pack)\\.",
            Pattern.MULTILINE);

    @Test
    void noModuleButVaultCoreImportsItsInternalPackages() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        int read = 0;
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
                if (module.getFileName().toString().equals("vault-core") || !Files.isDirectory(module.resolve("src"))) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(module.resolve("src"))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        read++;
                        if (CORE_INTERNAL.matcher(Files.readString(file)).find()) {
                            offenders.add(root.relativize(file).toString());
                        }
                    }
                }
            }
        }
        assertThat(read).as("Java files read outside vault-core").isGreaterThan(100);
        assertThat(offenders).isEmpty();
    }
}
