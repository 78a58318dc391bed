package org.swhvault.core.identify;

import java.nio.file.Path;

import org.swhvault.spi.VaultException;

/** Prints the SWHID of each argument; run in a child JVM to test options the test JVM lacks. */
public final class IdentifyMain {
    private IdentifyMain() {
    }

    public static void main(String[] args) {
        System.out.println("raw-access=" + FileNames.rawAccess());
        for (String arg : args) {
            try {
                System.out.println(DiskIdentifier.create().identify(Path.of(arg)));
            } catch (VaultException e) {
                System.out.println("error " + e.code() + ": " + e.getMessage());
            }
        }
    }
}
