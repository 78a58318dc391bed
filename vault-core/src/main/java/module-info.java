/**
 * The Software Heritage Vault's engine: the {@link org.swhvault.core.Vault} and its builder, the three built-in
 * cookers ({@code flat}, {@code gitfast}, {@code git-bare}), the {@code git} and {@code memory} object sources,
 * the {@code memory} and {@code journal} request stores, and SWHIDs of files on disk. Its {@code internal}
 * packages and git-bare's pack writer are not exported. JGit, Commons Compress, zstd-jni and SLF4J are automatic modules
 * or named ones, depending on their versions.
 */
@SuppressWarnings("requires-automatic")
module org.swhvault.core {
    requires transitive org.swhvault.spi;
    requires org.eclipse.jgit;
    requires org.apache.commons.compress;
    requires org.slf4j;
    requires com.github.luben.zstd_jni;

    exports org.swhvault.core;
    exports org.swhvault.core.cook;
    exports org.swhvault.core.cook.flat;
    exports org.swhvault.core.cook.gitbare;
    exports org.swhvault.core.cook.gitfast;
    exports org.swhvault.core.identify;
    exports org.swhvault.core.io;
    exports org.swhvault.core.request;
    exports org.swhvault.core.source;
    exports org.swhvault.core.source.git;
    exports org.swhvault.core.source.memory;

    provides org.swhvault.spi.cook.CookerProvider with
            org.swhvault.core.cook.flat.FlatCookerProvider,
            org.swhvault.core.cook.gitbare.GitBareCookerProvider,
            org.swhvault.core.cook.gitfast.GitfastCookerProvider;
    provides org.swhvault.spi.request.RequestStoreProvider with
            org.swhvault.core.request.MemoryRequestStoreProvider,
            org.swhvault.core.request.JournalRequestStoreProvider;
    provides org.swhvault.spi.source.ObjectSourceProvider with
            org.swhvault.core.source.git.GitObjectSourceProvider,
            org.swhvault.core.source.memory.MemoryObjectSourceProvider;
}
