/**
 * Content bytes from a Software Heritage objstorage: the {@code pathslicing} layout, the compressions
 * swh-objstorage writes, and the verification every back end shares. Depends on the vault's SPI,
 * commons-compress (bz2), XZ for Java (lzma), zstd-jni and SLF4J.
 */
module org.swhvault.objstorage {
    requires transitive org.swhvault.spi;
    requires org.apache.commons.compress;
    requires org.tukaani.xz;
    requires com.github.luben.zstd_jni;
    requires org.slf4j;

    exports org.swhvault.objstorage;

    provides org.swhvault.spi.objstorage.ObjStorageProvider
            with org.swhvault.objstorage.PathSlicingObjStorageProvider;
}
