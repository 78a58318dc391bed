/**
 * The public Software Heritage Vault HTTP API over a {@link org.swhvault.core.Vault}, on Jetty 12:
 * {@link org.swhvault.http.VaultHttpServer}. Everything else in the package is its own.
 */
@SuppressWarnings("requires-automatic")
module org.swhvault.http {
    requires transitive org.swhvault.core;
    requires com.fasterxml.jackson.core;
    requires org.eclipse.jetty.server;
    requires org.slf4j;
    requires micrometer.core;
    requires org.swhvault.swhrpc;
    requires micrometer.registry.prometheus;
    requires com.nimbusds.jose.jwt;

    exports org.swhvault.http;
}
