package org.swhvault.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleCompression;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * A real cooker (flat, git-bare…) that first goes through {@code steps} steps the test lets through one at a
 * time with {@link #step()}, reporting "Preparing (i of steps)" before each, so that a test sees the progress
 * move; and fails as a bug would when told to, once.
 */
final class SteppedCooker implements Cooker {
    private final Cooker real;
    private final int steps;
    private final Semaphore permits;
    private final AtomicBoolean failNext;

    SteppedCooker(Cooker real, int steps) {
        this(real, steps, new Semaphore(0), new AtomicBoolean());
    }

    /** The same cooker compressing otherwise: the steps and the failure asked for are shared. */
    private SteppedCooker(Cooker real, int steps, Semaphore permits, AtomicBoolean failNext) {
        this.real = real;
        this.steps = steps;
        this.permits = permits;
        this.failNext = failNext;
    }

    /** Lets the cook in progress (or the next one) go one step further. */
    void step() {
        permits.release();
    }

    /** Makes the next cook fail, after its steps, with an unexpected exception. */
    void failNext() {
        failNext.set(true);
    }

    @Override
    public BundleType bundleType() {
        return real.bundleType();
    }

    @Override
    public Set<ObjectType> objectTypes() {
        return real.objectTypes();
    }

    @Override
    public BundleCompression compression() {
        return real.compression();
    }

    @Override
    public Optional<Cooker> compressedWith(BundleCompression compression) {
        return real.compressedWith(compression).map(c -> c == real ? this : new SteppedCooker(c, steps, permits, failNext));
    }

    @Override
    public void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context) throws IOException {
        for (int i = 0; i < steps; i++) {
            context.progress("Preparing", i, steps);
            try {
                while (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    context.checkCancelled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaultException(ErrorCode.CANCELLED, "interrupted");
            }
        }
        if (failNext.compareAndSet(true, false)) {
            throw new IllegalStateException("a bug in the cooker, as the test asked");
        }
        real.cook(swhid, source, out, context);
    }
}
