package org.swhvault.core.identify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.testing.git.IsolatedGit;
import org.swhvault.testing.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names are raw bytes: checked in a child JVM started the way the vault launcher starts it (with
 * {@code sun.nio.fs} opened), once with the platform charset forced to ASCII so that even UTF-8 names
 * must come from the raw bytes.
 */
class RawFileNamesTest {
    @TempDir
    Path tmp;

    @Test
    void rawNameBytesAreHashedWithoutNormalizationWhateverTheLocale() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tree"));
        Processes.run(dir, "sh", "-c", String.join("\n",
                "printf nfc > \"$(printf 'caf\\303\\251')\"",
                "printf nfd > \"$(printf 'cafe\\314\\201')\"",
                "printf cjk > \"$(printf '\\346\\274\\242\\345\\255\\227')\"",
                "printf latin1 > \"$(printf 'na\\357ve-\\377')\"",
                "mkdir \"$(printf 'dir-\\376')\" && printf inside > \"$(printf 'dir-\\376/f\\300')\"",
                "ln -s \"$(printf 'target-\\377')\" \"$(printf 'link-\\351')\"",
                "ln -s \"$(printf 'caf\\303\\251')\" utf8-link"));
        Path file = dir.resolve("plain");
        Files.writeString(file, "plain\n");
        String expectedTree = "swh:1:dir:" + IsolatedGit.in(tmp.resolve("home")).writeTree(dir);

        for (String locale : List.of("C.UTF-8", "C")) {
            List<String> out = runChild(locale, dir.toString(), file.toString());
            assertThat(out).as("locale %s", locale)
                    .containsExactly("raw-access=true", expectedTree,
                            "swh:1:cnt:" + IsolatedGit.in(tmp.resolve("home")).hashObject("plain\n".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void withoutRawAccessANameTheLocaleCannotDecodeFailsWithThePathInsteadOfAWrongId() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tree"));
        Processes.run(dir, "sh", "-c", "printf nfc > \"$(printf 'caf\\303\\251')\"");
        Path valid = Files.createDirectories(tmp.resolve("ascii"));
        Files.writeString(valid.resolve("plain"), "plain\n");
        String expectedAscii = "swh:1:dir:" + IsolatedGit.in(tmp.resolve("home")).writeTree(valid);

        List<String> out = runChild(false, "C", dir.toString(), valid.toString());

        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo("raw-access=false");
        assertThat(out.get(1)).startsWith("error INVALID_ARGUMENT: " + dir + "/caf")
                .contains("--add-opens java.base/sun.nio.fs=ALL-UNNAMED");
        assertThat(out.get(2)).isEqualTo(expectedAscii);
    }

    private List<String> runChild(String locale, String... args) throws IOException, InterruptedException {
        return runChild(true, locale, args);
    }

    private List<String> runChild(boolean openFs, String locale, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        if (openFs) {
            command.addAll(List.of("--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdentifyMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("LANG");
        pb.environment().remove("LC_CTYPE");
        pb.environment().put("LC_ALL", locale);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }
}
