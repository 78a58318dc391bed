/**
 * The conformance suite every {@link org.swhvault.spi.objstorage.ObjStorage} passes: extend
 * {@link org.swhvault.testing.objstorage.ObjStorageConformanceTest} in a test class of your objstorage's module.
 */
package org.swhvault.testing.objstorage;
