package org.swhvault.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.swhvault.spi.VaultException;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * A cooker whose bundle is known in advance ({@link #bytes}), accepting the object types the real cooker of
 * its bundle type accepts, and that can be held until released so that a request stays pending. It stands
 * in for the real cookers in tests of the HTTP layer itself.
 */
final class TestCooker implements Cooker {
    private final BundleType type;
    private final int size;
    private final CountDownLatch gate;
    private final AtomicInteger cooks = new AtomicInteger();
    private volatile boolean failing;

    TestCooker(BundleType type, int size, boolean held) {
        this.type = type;
        this.size = size;
        this.gate = new CountDownLatch(held ? 1 : 0);
    }

    /** Makes the next cooks fail with an unexpected exception (a bug), or succeed again. */
    void failing(boolean fail) {
        this.failing = fail;
    }

    /** How many cooks started. */
    int cooks() {
        return cooks.get();
    }

    /** Lets held cooks finish. */
    void release() {
        gate.countDown();
    }

    /** The bundle this cooker writes for an object: a repeated line naming it, cut at the size. */
    static byte[] bytes(BundleType type, Swhid swhid, int size) {
        byte[] line = ("bundle " + type.apiName() + " of " + swhid + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (line[i % line.length] + (i / line.length) % 7);
        }
        return out;
    }

    @Override
    public BundleType bundleType() {
        return type;
    }

    @Override
    public Set<ObjectType> objectTypes() {
        return switch (type) {
            case FLAT -> Set.of(ObjectType.DIRECTORY, ObjectType.REVISION);
            case GITFAST -> Set.of(ObjectType.REVISION);
            case GIT_BARE -> Set.of(ObjectType.DIRECTORY, ObjectType.REVISION, ObjectType.RELEASE,
                    ObjectType.SNAPSHOT);
        };
    }

    @Override
    public void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context) throws IOException {
        cooks.incrementAndGet();
        context.progress("Waiting for the test", 0, 1);
        try {
            while (!gate.await(10, TimeUnit.MILLISECONDS)) {
                context.checkCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException(ErrorCode.CANCELLED, "interrupted");
        }
        if (failing) {
            throw new IllegalStateException("a bug in the cooker\n\tat some.Frame(Cooker.java:1)");
        }
        out.write(bytes(type, swhid, size));
    }
}
