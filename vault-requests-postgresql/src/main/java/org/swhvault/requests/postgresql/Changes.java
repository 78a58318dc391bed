package org.swhvault.requests.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.spi.request.BundleRequest;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.store.BundleKey;

/**
 * What a {@link PostgresRequestStore} hears from the database, on a connection and a thread of its own: new work
 * ({@value PostgresRequestStore#CHANNEL}), which wakes the store's listeners, and changed rows
 * ({@value PostgresRequestStore#CHANGED}), which it evicts from its cache of done rows. The cache lets the status of
 * a cooked bundle, what clients poll most, be answered without a query; it is trusted only while listening: it is
 * emptied whenever listening stops, and a read that raced an eviction is not cached. Thread-safe.
 */
final class Changes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Changes.class);
    /** The most done rows kept in memory. */
    private static final int CACHE_LIMIT = 100_000;

    /** Opens a connection of its own. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final List<Runnable> newWorkListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<BundleKey, BundleRequest> doneRows = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();
    private final Thread thread;
    private volatile boolean listening;
    private volatile boolean closed;

    Changes(Connector connector) {
        this.connector = connector;
        this.thread = new Thread(this::listen, "swhvault-requests-listen");
        thread.setDaemon(true);
        thread.start();
    }

    void onNewWork(Runnable listener) {
        newWorkListeners.add(listener);
    }

    /** The cached done row of a bundle, if the cache may be trusted and has it. */
    Optional<BundleRequest> cached(BundleKey key) {
        return listening ? Optional.ofNullable(doneRows.get(key)) : Optional.empty();
    }

    /** A mark to pass to {@link #offer}: what was evicted before a read. */
    long generation() {
        return evictions.get();
    }

    /** Caches a row read from the database, if it is done and nothing was evicted since {@code generation}. */
    void offer(BundleRequest row, long generation) {
        if (listening && row.state() == RequestState.DONE && evictions.get() == generation) {
            if (doneRows.size() >= CACHE_LIMIT) {
                doneRows.clear();
            }
            doneRows.put(row.key(), row);
        }
    }

    /** Forgets a bundle's row, as a change made here does at once. */
    void forget(BundleKey key) {
        evictions.incrementAndGet();
        doneRows.remove(key);
    }

    private void forgetAll() {
        evictions.incrementAndGet();
        doneRows.clear();
    }

    private void listen() {
        boolean missed = false;
        while (!closed) {
            try (Connection c = connector.connect(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + PostgresRequestStore.CHANNEL);
                st.execute("LISTEN " + PostgresRequestStore.CHANGED);
                forgetAll(); // changes made while not listening went unheard
                listening = true;
                if (missed) {
                    wake(); // notifications sent while the connection was down are lost
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(500);
                    boolean newWork = false;
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            if (note.getName().equals(PostgresRequestStore.CHANGED)) {
                                evict(note.getParameter());
                            } else {
                                newWork = true;
                            }
                        }
                    }
                    if (newWork) {
                        wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                forgetAll();
                if (!closed) {
                    LOG.debug("Listening for changes failed ({}); listening again in 1 s", e.toString());
                    missed = true;
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        listening = false;
    }

    /** Forgets the cached row of "bundle_type swhid". */
    private void evict(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0) {
            forgetAll();
            return;
        }
        try {
            forget(RequestRows.key(payload.substring(0, space), payload.substring(space + 1)));
        } catch (SQLException | RuntimeException e) {
            forgetAll();
        }
    }

    private void wake() {
        for (Runnable listener : newWorkListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A new-work listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        listening = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
