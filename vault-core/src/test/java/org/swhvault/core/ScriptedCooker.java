package org.swhvault.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/** A real {@link Cooker} whose work is a script given by the test; counts its cooks. */
final class ScriptedCooker implements Cooker {
    /** What one cook does. */
    interface Script {
        void cook(Swhid swhid, OutputStream out, CookContext context) throws IOException;
    }

    private final BundleType type;
    private final Set<ObjectType> objectTypes;
    private volatile Script script;
    final AtomicInteger cooks = new AtomicInteger();

    ScriptedCooker(BundleType type, Set<ObjectType> objectTypes, Script script) {
        this.type = type;
        this.objectTypes = objectTypes;
        this.script = script;
    }

    /** A flat cooker of directories running {@code script}. */
    static ScriptedCooker flat(Script script) {
        return new ScriptedCooker(BundleType.FLAT, Set.of(ObjectType.DIRECTORY), script);
    }

    /** A script writing {@link #bundle(Swhid, int)}. */
    static Script writing(int size) {
        return (swhid, out, context) -> out.write(bundle(swhid, size));
    }

    /** The bytes of a test bundle: the SWHID repeated, cut to {@code size}. */
    static byte[] bundle(Swhid swhid, int size) {
        byte[] unit = (swhid + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = unit[i % unit.length];
        }
        return bytes;
    }

    void script(Script next) {
        this.script = next;
    }

    int cooks() {
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
        script.cook(swhid, out, context);
    }
}
