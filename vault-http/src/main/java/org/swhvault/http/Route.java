package org.swhvault.http;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/** What a request path names. */
sealed interface Route {
    /** Methods the cooking endpoints answer. */
    String COOK_METHODS = "GET, HEAD, POST, OPTIONS";
    /** Methods the download endpoints answer. */
    String RAW_METHODS = "GET, HEAD, OPTIONS";

    /** Returns the methods this route answers, for {@code Allow}. */
    String allow();

    /**
     * Returns whether a method is one of {@link #allow()}'s.
     *
     * @param method the request method, case-sensitive as HTTP says
     * @return whether the route answers it
     */
    default boolean allows(String method) {
        String allow = allow();
        for (int at = allow.indexOf(method); at >= 0; at = allow.indexOf(method, at + 1)) {
            int end = at + method.length();
            if ((at == 0 || allow.charAt(at - 1) == ' ') && (end == allow.length() || allow.charAt(end) == ',')) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code /api/1/vault/<type>/<swhid>/}: request a bundle (POST) or read its status (GET, HEAD).
     *
     * @param type the bundle type
     * @param swhid the core SWHID (qualifiers in the path are dropped)
     * @param legacy whether the path is a legacy one ({@code /vault/directory/<hex>/}), whose answers add
     *     {@code obj_type} and {@code obj_id}
     */
    record Cook(BundleType type, Swhid swhid, boolean legacy) implements Route {
        public Cook {
            requireNonNull(type, "type is null");
            requireNonNull(swhid, "swhid is null");
        }

        @Override
        public String allow() {
            return COOK_METHODS;
        }
    }

    /**
     * {@code /api/1/vault/<type>/<swhid>/raw/}: download a cooked bundle.
     *
     * @param type the bundle type
     * @param swhid the core SWHID
     */
    record Raw(BundleType type, Swhid swhid) implements Route {
        public Raw {
            requireNonNull(type, "type is null");
            requireNonNull(swhid, "swhid is null");
        }

        @Override
        public String allow() {
            return RAW_METHODS;
        }
    }

    /**
     * A path answered with {@code 302 Found}: a legacy download path, or a legacy path with uppercase hex.
     *
     * @param location the absolute path (and query) to go to
     * @param allow the methods the target answers
     */
    record Redirect(String location, String allow) implements Route {
        public Redirect {
            requireNonNull(location, "location is null");
            requireNonNull(allow, "allow is null");
        }
    }

    /** A path this server does not serve. */
    record Unknown() implements Route {
        @Override
        public String allow() {
            return "";
        }
    }
}
