package org.swhvault.source.swhrpc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that may not stall: a read that waits longer than the timeout for a byte closes the stream,
 * which ends the read with an {@link HttpTimeoutException}. java.net.http bounds the wait for an answer's
 * headers only; a server that stops sending halfway would otherwise hold a cook for ever.
 */
final class IdleTimeout extends FilterInputStream {
    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "swh-storage-rpc-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    private final Duration timeout;
    private volatile boolean expired;

    IdleTimeout(InputStream in, Duration timeout) {
        super(in);
        this.timeout = timeout;
    }

    @Override
    public int read() throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            return super.read();
        } catch (IOException e) {
            throw expired(e);
        } finally {
            alarm.cancel(false);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw expired(e);
        } finally {
            alarm.cancel(false);
        }
    }

    private ScheduledFuture<?> arm() {
        return WATCHDOG.schedule(() -> {
            expired = true;
            try {
                in.close();
            } catch (IOException e) {
                // the reader learns of the timeout either way
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private IOException expired(IOException e) {
        if (!expired) {
            return e;
        }
        HttpTimeoutException timedOut = new HttpTimeoutException("no byte of the answer came within "
                + RpcClient.seconds(timeout));
        timedOut.addSuppressed(e);
        return timedOut;
    }
}
