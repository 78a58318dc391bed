/**
 * The {@code swh-storage-rpc} object source: the archive read through swh-storage's RPC API, as the reference
 * vault reads a Software Heritage mirror (through swh-storage's masking proxy, so that taken-down objects stay
 * hidden). Depends on the vault's SPI, the swh-core RPC codec and SLF4J.
 */
@SuppressWarnings("requires-automatic")
module org.swhvault.source.swhrpc {
    requires transitive org.swhvault.spi;
    requires org.swhvault.swhrpc;
    requires java.net.http;
    requires org.slf4j;

    exports org.swhvault.source.swhrpc;

    provides org.swhvault.spi.source.ObjectSourceProvider with
            org.swhvault.source.swhrpc.SwhStorageRpcSourceProvider;
}
