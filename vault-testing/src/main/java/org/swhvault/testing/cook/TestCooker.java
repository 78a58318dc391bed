package org.swhvault.testing.cook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static java.util.Objects.requireNonNull;

/**
 * A real {@link Cooker} for tests of what runs cookers (an engine, a server, a store): its bundle is known in
 * advance ({@link #bytes(Swhid, int)}), or written by a script the test gives and may change between cooks; it
 * can be held until {@linkplain #release() released}, so that a request stays pending, and made to fail as a
 * bug would. It counts the cooks it started. Thread-safe.
 *
 * <pre>{@code
 * TestCooker flat = TestCooker.of(BundleType.FLAT, 1000);        // writes bytes(swhid, 1000)
 * TestCooker held = TestCooker.held(BundleType.GIT_BARE, 10);    // waits for held.release()
 * TestCooker scripted = TestCooker.flat((swhid, out, context) -> { throw new IOException("disk full"); });
 * }</pre>
 */
public final class TestCooker implements Cooker {
    /** What one cook does. */
    @FunctionalInterface
    public interface Script {
        /**
         * Cooks.
         *
         * @param swhid the object
         * @param out where the bundle goes
         * @param context progress and cancellation
         * @throws IOException as a cooker may
         */
        void cook(Swhid swhid, OutputStream out, CookContext context) throws IOException;
    }

    private final BundleType type;
    private final Set<ObjectType> objectTypes;
    private final CountDownLatch gate;
    private final AtomicInteger cooks = new AtomicInteger();
    private volatile Script script;
    private volatile boolean failing;

    /**
     * Creates a cooker.
     *
     * @param type the bundle type it writes
     * @param objectTypes the object types it accepts
     * @param script what each cook does
     */
    public TestCooker(BundleType type, Set<ObjectType> objectTypes, Script script) {
        this(type, objectTypes, script, false);
    }

    private TestCooker(BundleType type, Set<ObjectType> objectTypes, Script script, boolean held) {
        this.type = requireNonNull(type, "type is null");
        this.objectTypes = Set.copyOf(objectTypes);
        this.script = requireNonNull(script, "script is null");
        this.gate = new CountDownLatch(held ? 1 : 0);
    }

    /**
     * Returns a cooker of {@code type} accepting the object types the built-in cooker of that type accepts, and
     * writing {@link #bytes(Swhid, int)}.
     *
     * @param type the bundle type
     * @param size the size of every bundle
     * @return the cooker
     */
    public static TestCooker of(BundleType type, int size) {
        return new TestCooker(type, objectTypesOf(type), writing(size), false);
    }

    /**
     * Returns a cooker as {@link #of(BundleType, int)} whose cooks wait (reporting progress, and stopping when
     * cancelled) until {@link #release()} is called.
     *
     * @param type the bundle type
     * @param size the size of every bundle
     * @return the cooker
     */
    public static TestCooker held(BundleType type, int size) {
        return new TestCooker(type, objectTypesOf(type), writing(size), true);
    }

    /**
     * Returns a cooker of flat bundles of directories that runs {@code script}.
     *
     * @param script what each cook does
     * @return the cooker
     */
    public static TestCooker flat(Script script) {
        return new TestCooker(BundleType.FLAT, Set.of(ObjectType.DIRECTORY), script, false);
    }

    /**
     * Returns a script that writes {@link #bytes(Swhid, int)}.
     *
     * @param size the size of the bundle
     * @return the script
     */
    public static Script writing(int size) {
        return (swhid, out, context) -> out.write(bytes(swhid, size));
    }

    /**
     * Returns the bytes of a test bundle: a line naming the object, repeated with a small variation so that
     * a wrong offset shows, cut at {@code size}.
     *
     * @param swhid the object
     * @param size the size
     * @return the bytes
     */
    public static byte[] bytes(Swhid swhid, int size) {
        byte[] line = ("bundle of " + swhid + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (line[i % line.length] + (i / line.length) % 7);
        }
        return out;
    }

    /**
     * Returns the object types the built-in cooker of a bundle type accepts.
     *
     * @param type the bundle type
     * @return the object types
     */
    public static Set<ObjectType> objectTypesOf(BundleType type) {
        return switch (type) {
            case FLAT -> Set.of(ObjectType.DIRECTORY, ObjectType.REVISION);
            case GITFAST -> Set.of(ObjectType.REVISION);
            case GIT_BARE -> Set.of(ObjectType.DIRECTORY, ObjectType.REVISION, ObjectType.RELEASE,
                    ObjectType.SNAPSHOT);
        };
    }

    /**
     * Replaces what the next cooks do.
     *
     * @param next the script
     */
    public void script(Script next) {
        this.script = requireNonNull(next, "next is null");
    }

    /**
     * Makes the next cooks fail with an unexpected exception (a bug, with a stack-trace-like message), or
     * succeed again.
     *
     * @param fail whether to fail
     */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    /** Lets held cooks go on, now and from now on. */
    public void release() {
        gate.countDown();
    }

    /**
     * Returns how many cooks started.
     *
     * @return the count
     */
    public int cooks() {
        return cooks.get();
    }

    @Override
    public BundleType bundleType() {
        return type;
    }

    @Override
    public Set<ObjectType> objectTypes() {
        return objectTypes;
    }

    @Override
    public void cook(Swhid swhid, ObjectSource source, OutputStream out, CookContext context) throws IOException {
        cooks.incrementAndGet();
        if (gate.getCount() > 0) {
            context.progress("Waiting for the test", 0, 1);
            try {
                while (!gate.await(10, TimeUnit.MILLISECONDS)) {
                    context.checkCancelled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaultException(ErrorCode.CANCELLED, "interrupted");
            }
        }
        if (failing) {
            throw new IllegalStateException("a bug in the cooker\n\tat some.Frame(Cooker.java:1)");
        }
        script.cook(swhid, out, context);
    }

    @Override
    public String toString() {
        return "TestCooker[" + type.apiName() + ", " + cooks() + " cooks]";
    }
}
