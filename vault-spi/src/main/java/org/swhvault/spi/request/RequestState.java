package org.swhvault.spi.request;

import java.util.Optional;

/**
 * Where a bundle request stands, with the reference vault's names: {@code new → pending → done | failed}.
 * A failed request, or a done one whose bundle has left the store, is cooked again on the next request.
 */
public enum RequestState {
    /** The request is recorded and waits for a worker (also while it waits to be retried). */
    NEW("new"),
    /** A worker is cooking the bundle and holds the request's lease. */
    PENDING("pending"),
    /** The bundle is in the store, ready to be fetched. */
    DONE("done"),
    /** The cooking failed; the progress message says why. Requesting the bundle again retries it. */
    FAILED("failed");

    private final String apiName;

    RequestState(String apiName) {
        this.apiName = apiName;
    }

    /** Returns the name used in the HTTP API: {@code new}, {@code pending}, {@code done} or {@code failed}. */
    public String apiName() {
        return apiName;
    }

    /** Returns whether no worker will change this state on its own ({@link #DONE} or {@link #FAILED}). */
    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }

    /**
     * Returns the state with the given API name.
     *
     * @param apiName the name, such as {@code pending}
     * @return the state, or empty if unknown
     */
    public static Optional<RequestState> fromApiName(String apiName) {
        for (RequestState s : values()) {
            if (s.apiName.equals(apiName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return apiName;
    }
}
