/**
 * What cookers read: {@link org.swhvault.core.source.CompleteView}, the view of an eventually consistent
 * source (a mirror) in which a referenced object that has not arrived yet is a transient failure rather
 * than a hole in the bundle. The built-in sources are in the sub-packages.
 */
package org.swhvault.core.source;
