package org.swhvault.objstorage;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.ContentHasher;
import org.swhvault.spi.model.ContentHashes;
import org.swhvault.spi.objstorage.ObjStorage;
import org.swhvault.spi.objstorage.ObjStorageProvider;
import org.swhvault.spi.plugin.PluginContext;
import org.swhvault.spi.plugin.Plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code pathslicing} provider: found by name, its settings, its spec form, and bad settings. */
class PathSlicingObjStorageProviderTest {
    @TempDir
    Path root;

    @Test
    void isFoundByNameWithTheDefaultsOfAMirror() {
        ObjStorage storage = Plugins.create(ObjStorageProvider.class, "pathslicing",
                Map.of("root", root.toString()), PluginContext.standalone("pathslicing"), null);
        assertThat(storage).isInstanceOfSatisfying(PathSlicingObjStorage.class, s -> {
            assertThat(s.root()).isEqualTo(root);
            assertThat(s.slicing()).hasToString("0:2/2:4");
            assertThat(s.compression()).isEqualTo(Compression.GZIP);
        });
    }

    @Test
    void takesSlicingAndCompression() {
        PathSlicingObjStorage storage = (PathSlicingObjStorage) new PathSlicingObjStorageProvider().create(Map.of(
                "root", root.toString(), "slicing", "0:2/2:4/4:6", "compression", "lzma"));
        assertThat(storage.slicing()).isEqualTo(PathSlicing.parse("0:2/2:4/4:6"));
        assertThat(storage.compression()).isEqualTo(Compression.LZMA);
    }

    @Test
    void theSpecFormNamesTheRoot() {
        ObjStorageSpec spec = ObjStorageSpec.parse("pathslicing:" + root);
        assertThat(spec).isEqualTo(new ObjStorageSpec("pathslicing", Map.of("root", root.toString())));
        try (ObjStorage storage = spec.with("compression", "none").create(PluginContext.standalone("cli"), null)) {
            assertThat(((PathSlicingObjStorage) storage).compression()).isEqualTo(Compression.NONE);
        }
    }

    @Test
    void theSpecFormTakesEverySettingByName() throws Exception {
        byte[] text = "hello\n".getBytes(StandardCharsets.UTF_8);
        ContentHashes hashes = ContentHasher.create(EnumSet.of(ContentHasher.Algorithm.SHA1)).hash(text);
        String hex = hashes.sha1Hex().orElseThrow();
        // as swh-objstorage lays out a pathslicing objstorage with slicing 0:2/2:4/4:6 and no compression
        Path file = root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex.substring(4, 6))
                .resolve(hex);
        Files.createDirectories(file.getParent());
        Files.write(file, text);
        ObjStorageSpec spec = ObjStorageSpec.parse("pathslicing:root=" + root + ",slicing=0:2/2:4/4:6,compression=none");
        assertThat(spec).isEqualTo(new ObjStorageSpec("pathslicing", Map.of("root", root.toString(),
                "slicing", "0:2/2:4/4:6", "compression", "none")));
        try (ObjStorage storage = spec.create(PluginContext.standalone("cli"), null);
                InputStream in = storage.open(hashes).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
        assertThat(ObjStorageSpec.parse("s3:bucket=softwareheritage,prefix=content,compression=none"))
                .isEqualTo(new ObjStorageSpec("s3", Map.of("bucket", "softwareheritage", "prefix", "content",
                        "compression", "none")));
    }

    @Test
    void aMalformedSettingsListIsRefusedWithoutQuotingItsValues() {
        assertThatThrownBy(() -> ObjStorageSpec.parse("s3:bucket=b,secretKey:hunter2"))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot read the s3 objstorage's settings: item 2 of 2 is not KEY=VALUE (write"
                        + " NAME:KEY=VALUE,KEY=VALUE, such as pathslicing:root=DIR,slicing=0:2/2:4/4:6,compression=none).");
        assertThatThrownBy(() -> ObjStorageSpec.parse("pathslicing:root=/a,root=/b"))
                .hasMessage("Cannot read the pathslicing objstorage's settings: 'root' is set twice.");
    }

    @Test
    void badSettingsAreRefusedWithASentence() throws Exception {
        Path file = Files.writeString(root.resolve("file"), "x");
        Map<Map<String, String>, String> cases = new HashMap<>();
        cases.put(Map.of(), "The pathslicing objstorage needs 'root' (the directory that holds the objstorage).");
        cases.put(Map.of("root", root.resolve("missing").toString()), "The pathslicing objstorage root '"
                + root.resolve("missing") + "' does not exist; give the directory that holds the objstorage's files.");
        cases.put(Map.of("root", file.toString()), "The pathslicing objstorage root '" + file
                + "' is not a directory; give the directory that holds the objstorage's files.");
        cases.put(Map.of("root", root.toString(), "compression", "xz"), "The pathslicing objstorage setting"
                + " 'compression' must be one of none, gzip, zlib, bz2, lzma, zstd, got 'xz'.");
        cases.put(Map.of("root", root.toString(), "slicing", "0:2/2:41"), "Invalid objstorage slicing '0:2/2:41':"
                + " slice '2:41' goes to hex digit 41, past the 40 of a sha1 (write slices such as 0:2/2:4).");
        cases.put(Map.of("root", root.toString(), "slicing", "-2:"), "Invalid objstorage slicing '-2:': slice '-2:'"
                + " has bound '-2', which is not a number from 0 to 40 (write slices such as 0:2/2:4).");
        cases.put(Map.of("root", root.toString(), "slicing", "0:4:2"), "Invalid objstorage slicing '0:4:2': slice"
                + " '0:4:2' has a step; only start:stop is supported (write slices such as 0:2/2:4).");
        cases.put(Map.of("root", root.toString(), "slicing", "a:b"), "Invalid objstorage slicing 'a:b': slice 'a:b'"
                + " has bound 'a', which is not a number from 0 to 40 (write slices such as 0:2/2:4).");
        cases.put(Map.of("root", root.toString(), "slicing", "0:2/4:4"), "Invalid objstorage slicing '0:2/4:4':"
                + " slice '4:4' is empty (4 to 4), so it names no directory (write slices such as 0:2/2:4).");
        cases.put(Map.of("root", root.toString(), "compresion", "none"), "The pathslicing objstorage does not know"
                + " the setting 'compresion' (did you mean 'compression'?); its settings are 'root', 'slicing', 'compression'.");
        cases.forEach((config, message) -> assertThatThrownBy(() -> new PathSlicingObjStorageProvider().create(config))
                .as("settings %s", config).isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e).hasMessage(message);
                }));
    }

    @Test
    void slicingsReadAsPythonSlicesAndPrintCanonically() {
        String hex = "34973274ccef6ab4dfaaf86599792fa9c3fe4689";
        assertThat(PathSlicing.parse("0:2/2:4/4:6").directories(hex)).containsExactly("34", "97", "32");
        assertThat(PathSlicing.parse("0:1/0:5/").directories(hex)).containsExactly("3", "34973");
        assertThat(PathSlicing.parse(":4/38:").directories(hex)).containsExactly("3497", "89");
        assertThat(PathSlicing.parse("3").directories(hex)).containsExactly("349");
        assertThat(PathSlicing.parse("/").depth()).isZero();
        assertThat(PathSlicing.parse(":4/38:")).hasToString("0:4/38:40");
        assertThat(PathSlicing.parse("/")).hasToString("/");
    }

    @Test
    void specsOfOtherForms() {
        assertThat(ObjStorageSpec.parse("s3://softwareheritage/content")).isEqualTo(new ObjStorageSpec("s3",
                Map.of("bucket", "softwareheritage", "prefix", "content")));
        assertThat(ObjStorageSpec.parse("s3://bucket")).isEqualTo(new ObjStorageSpec("s3", Map.of("bucket", "bucket")));
        assertThat(ObjStorageSpec.parse("memory")).isEqualTo(new ObjStorageSpec("memory", Map.of()));
        assertThatThrownBy(() -> ObjStorageSpec.parse("/srv/objects")).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot read the objstorage '/srv/objects': write pathslicing:DIR, s3://BUCKET/PREFIX,"
                        + " or the name of an objstorage provider.");
        assertThatThrownBy(() -> ObjStorageSpec.parse("winery").create(PluginContext.standalone("cli"), null))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND))
                .hasMessageContaining("pathslicing");
    }
}
