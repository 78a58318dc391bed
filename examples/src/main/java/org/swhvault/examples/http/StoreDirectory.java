package org.swhvault.examples.http;

import java.nio.file.Path;
import java.util.Map;

/** Where {@code vault serve} keeps bundles and requests unless told otherwise. Stateless. */
final class StoreDirectory {
    private StoreDirectory() {
    }

    /**
     * Returns {@code $XDG_CACHE_HOME/swhvault} when that variable holds an absolute path (the XDG Base
     * Directory rule: a relative one is ignored), else {@code $HOME/.cache/swhvault}, else
     * {@code <home>/.cache/swhvault}. {@code $HOME} comes first, as for git and the shell: a container run under
     * a user id without a passwd entry has a {@code HOME} while the JVM's {@code user.home} is {@code ?}.
     *
     * @param env the environment
     * @param home the user's home directory as the JVM found it ({@code user.home})
     * @return the default store directory
     * @throws IllegalArgumentException if none of them is an absolute path
     */
    static Path defaultFor(Map<String, String> env, String home) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (isAbsolute(xdg)) {
            return Path.of(xdg, "swhvault");
        }
        String base = isAbsolute(env.get("HOME")) ? env.get("HOME") : home;
        if (!isAbsolute(base)) {
            throw new IllegalArgumentException("--store: there is no home directory to keep bundles in (HOME is"
                    + " not set and the JVM found '" + home + "'); give --store DIR");
        }
        return Path.of(base, ".cache", "swhvault");
    }

    private static boolean isAbsolute(String path) {
        return path != null && !path.isEmpty() && Path.of(path).isAbsolute();
    }
}
