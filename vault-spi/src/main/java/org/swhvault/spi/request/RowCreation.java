package org.swhvault.spi.request;

import static java.util.Objects.requireNonNull;

/**
 * A row that {@link RequestStore#beginCreate} found or began to create. While a new row is neither committed
 * nor aborted, nobody else sees it: {@link RequestStore#get(org.swhvault.spi.store.BundleKey) get} and {@link RequestStore#list list}
 * do not return it, and another creation of its bundle, in this process or another sharing the store, waits
 * until it is committed (and then gets it) or aborted (and then creates its own). The caller may start work on
 * the row meanwhile, but must not publish anything that depends on it, nor change it, before
 * {@link #commit()} returned. The caller ends every creation with {@link #commit()} or {@link #abort()},
 * promptly: others wait for it. Thread-safe: one thread may commit while another works.
 */
public interface RowCreation {
    /**
     * Returns the row: the existing one, or the new one as it will be stored once committed.
     *
     * @return the row
     */
    BundleRequest row();

    /**
     * Makes a new row durable and visible to all; does nothing for a row that already was. Blocks until then.
     *
     * @throws org.swhvault.spi.VaultException with {@link org.swhvault.spi.ErrorCode#STORE_FAILURE} if the row
     *     could not be stored: then nothing was created (an outcome the store could not settle is settled by
     *     the lease: the row is stored but no worker renews it)
     */
    void commit();

    /** Discards a new row that was not committed; does nothing for a row that already was. Never throws. */
    void abort();

    /**
     * Returns a creation that is already over: {@code row} is stored (it existed, or was created and committed).
     *
     * @param row the stored row
     * @return a creation whose {@link #commit()} and {@link #abort()} do nothing
     */
    static RowCreation stored(BundleRequest row) {
        requireNonNull(row, "row is null");
        return new RowCreation() {
            @Override
            public BundleRequest row() {
                return row;
            }

            @Override
            public void commit() {
            }

            @Override
            public void abort() {
            }
        };
    }
}
