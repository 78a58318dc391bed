/**
 * The Software Heritage Vault's service provider interface: SWHIDs and identifiers, the archive's object
 * model, and the five extension points a host or a plug-in implements (object sources, objstorages, cookers,
 * bundle stores, request stores), found by name through {@link java.util.ServiceLoader}. It depends on nothing but the JDK.
 * {@code org.swhvault.spi.model.internal} is exported for vault-core only and is not API.
 */
module org.swhvault.spi {
    exports org.swhvault.spi;
    exports org.swhvault.spi.cook;
    exports org.swhvault.spi.model;
    exports org.swhvault.spi.model.internal;
    exports org.swhvault.spi.objstorage;
    exports org.swhvault.spi.plugin;
    exports org.swhvault.spi.request;
    exports org.swhvault.spi.source;
    exports org.swhvault.spi.store;
    exports org.swhvault.spi.swhid;

    uses org.swhvault.spi.cook.CookerProvider;
    uses org.swhvault.spi.objstorage.ObjStorageProvider;
    uses org.swhvault.spi.request.RequestStoreProvider;
    uses org.swhvault.spi.source.ObjectSourceProvider;
    uses org.swhvault.spi.store.BundleStoreProvider;
}
