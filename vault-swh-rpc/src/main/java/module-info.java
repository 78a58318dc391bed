/**
 * The msgpack bodies of Software Heritage's RPC protocol, as swh-core's serializers write and read them:
 * {@link org.swhvault.swhrpc.SwhMsgpack} with its extra types, paged results and exception bodies. Clients and
 * servers of swh-storage's and swh-vault's RPC APIs share it. Depends on the vault's SPI and msgpack-core.
 */
@SuppressWarnings("requires-automatic")
module org.swhvault.swhrpc {
    requires transitive org.swhvault.spi;
    requires transitive msgpack.core;

    exports org.swhvault.swhrpc;
}
