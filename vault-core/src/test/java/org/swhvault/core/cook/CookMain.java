package org.swhvault.core.cook;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.swhvault.core.cook.flat.FlatCooker;
import org.swhvault.core.cook.gitfast.GitfastCooker;
import org.swhvault.core.source.git.GitObjectSource;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.swhid.Swhid;

/**
 * Cooks one bundle from a git repository into a file, for tests that run a cooker in a child JVM with
 * a small heap. Arguments: {@code flat|gitfast REPOSITORY SWHID OUTPUT}. Exits 0 when the cook succeeded.
 */
public final class CookMain {
    private CookMain() {
    }

    public static void main(String[] args) throws Exception {
        Cooker cooker = switch (args[0]) {
            case "flat" -> new FlatCooker();
            case "gitfast" -> new GitfastCooker();
            default -> throw new IllegalArgumentException("unknown cooker " + args[0]);
        };
        try (GitObjectSource source = GitObjectSource.open(Path.of(args[1]));
                OutputStream out = Files.newOutputStream(Path.of(args[3]))) {
            cooker.cook(Swhid.parse(args[2]), source, out, CookContext.silent());
        }
    }
}
