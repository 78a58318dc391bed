package org.swhvault.examples.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}: the jar's, or {@code development} when run from classes. */
final class VaultVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VaultCommand.class.getPackage().getImplementationVersion();
        return new String[] {"vault " + (version == null ? "development" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
