package org.swhvault.core.cook.flat.internal;

/**
 * The placeholder texts under their old name, for the git-bare cooker until it uses
 * {@link org.swhvault.core.cook.internal.Placeholders} itself; nothing else should.
 */
public final class Placeholders {
    /** See {@link org.swhvault.core.cook.internal.Placeholders#ABSENT}. */
    public static final String ABSENT = org.swhvault.core.cook.internal.Placeholders.ABSENT;
    /** See {@link org.swhvault.core.cook.internal.Placeholders#HIDDEN}. */
    public static final String HIDDEN = org.swhvault.core.cook.internal.Placeholders.HIDDEN;
    /** See {@link org.swhvault.core.cook.internal.Placeholders#MISSING}. */
    public static final String MISSING = org.swhvault.core.cook.internal.Placeholders.MISSING;

    private Placeholders() {
    }
}
