package org.swhvault.examples.http;

import java.nio.file.Path;
import java.util.Map;

/** Where {@code vault serve} keeps bundles and requests unless told otherwise. Stateless. */
final class StoreDirectory {
    private StoreDirectory() {
    }

    /**
     * Returns {@code $XDG_CACHE_HOME/swhvault} when that variable holds an absolute path (the XDG Base
     * Directory rule: a relative one is ignored), else {@code <home>/.cache/swhvault}.
     *
     * @param env the environment
     * @param home the user's home directory
     * @return the default store directory
     */
    static Path defaultFor(Map<String, String> env, String home) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "swhvault");
        }
        return Path.of(home, ".cache", "swhvault");
    }
}
