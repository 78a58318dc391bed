/**
 * git-bare's own pack and index writing: {@link org.swhvault.core.cook.gitbare.pack.PackWriter} compresses
 * objects on several threads into a version 2 pack whose bytes depend only on the objects and the level,
 * {@link org.swhvault.core.cook.gitbare.pack.PackIndexBuilder} writes its version 2 index in bounded memory.
 * Not API: only {@code org.swhvault.core.cook.gitbare} uses it, and no other module may import it.
 */
package org.swhvault.core.cook.gitbare.pack;
