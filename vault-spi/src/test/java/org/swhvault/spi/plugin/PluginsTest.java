package org.swhvault.spi.plugin;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginsTest {
    interface Thing {
        String name();
    }

    record Fs() implements Thing {
        public String name() {
            return "fs";
        }
    }

    record OtherFs() implements Thing {
        public String name() {
            return "fs";
        }
    }

    record Named(String name) implements Thing {
    }

    @Test
    void selectsTheOneProviderWithTheName() {
        Fs fs = new Fs();
        assertThat(Plugins.select(Thing.class, Thing::name, "fs", List.of(fs))).isSameAs(fs);
    }

    @Test
    void noneFoundSaysWhatToAddAndWhatIsAvailable() {
        assertThatThrownBy(() -> Plugins.select(Thing.class, Thing::name, "s3", List.of(new Fs())))
                .isInstanceOf(VaultException.class)
                .hasMessage("No Thing named 's3' is on the class path; add the artifact that provides it"
                        + " (available: fs)")
                .extracting(e -> ((VaultException) e).code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
    }

    @Test
    void aMistypedNameIsAnsweredWithTheClosestAvailableOne() {
        assertThatThrownBy(() -> Plugins.select(Thing.class, Thing::name, "postgres", List.of(new Fs(), new Named("postgresql"))))
                .isInstanceOf(VaultException.class)
                .hasMessage("No Thing named 'postgres' is on the class path (did you mean 'postgresql'?); add the artifact"
                        + " that provides it (available: fs, postgresql)");
        assertThatThrownBy(() -> Plugins.select(Thing.class, Thing::name, "flatt", List.of(new Named("flat"))))
                .hasMessageContaining("(did you mean 'flat'?)");
    }

    @Test
    void severalFoundNamesEveryClass() {
        assertThatThrownBy(() -> Plugins.select(Thing.class, Thing::name, "fs", List.of(new Fs(), new OtherFs())))
                .hasMessageContaining(Fs.class.getName()).hasMessageContaining(OtherFs.class.getName())
                .hasMessageContaining("keep only one of them on the class path");
    }

    @Test
    void nothingRegisteredFindsNothing() {
        assertThat(Plugins.all(Thing.class, PluginsTest.class.getClassLoader())).isEmpty();
    }

    @Test
    void theSpiIsANamedModuleAndFindsProvidersOfTypesItDoesNotDeclare() {
        assertThat(Plugins.class.getModule().getName()).as("module-info.java, tests on the module path")
                .isEqualTo("org.swhvault.spi");
        assertThat(Plugins.class.getModule().getDescriptor().exports()).extracting(e -> e.source())
                .contains("org.swhvault.spi.plugin", "org.swhvault.spi.swhid");
    }
}
