package org.swhvault.core.cook.gitfast;

/**
 * Why {@code git fast-import} of a gitfast bundle cannot give back a revision with its original id.
 * A revision can have several reasons; {@link #LOSSY_PARENT} marks revisions that are exact themselves
 * but descend from one that is not (a commit id covers its parents' ids).
 */
public enum LossReason {
    /** The original object bytes do not follow the layout git and fast-import write. */
    RAW_MANIFEST("its original bytes are not in git's canonical layout"),
    /** Headers fast-import cannot write: {@code gpgsig}, {@code mergetag}, unknown headers, a second encoding. */
    EXTRA_HEADERS("it has headers fast-import cannot write (signatures, merge tags, unknown headers)"),
    /** An author or committer is missing or is not of the form {@code name <email>}. */
    PERSON("an author or committer is missing or not of the form 'name <email>'"),
    /** A date is missing or has a fraction of a second. */
    DATE("a date is missing or has a fraction of a second"),
    /** A time zone offset that fast-import rejects even with the {@code raw-permissive} date format. */
    TIME_ZONE("a time zone offset is malformed"),
    /** The revision has no message at all (not even an empty one). */
    NO_MESSAGE("it has no message at all"),
    /** A file mode other than 100644, 100755, 120000, 40000 or 160000, written normalised. */
    ODD_MODE("a file mode is not one git writes (written normalised)"),
    /** A directory with unsorted or duplicate entries, or otherwise not in canonical form. */
    NON_CANONICAL_DIRECTORY("a directory is not in canonical form (unsorted or duplicate entries)"),
    /** An empty sub-directory, which git cannot store in a commit made by fast-import. */
    EMPTY_DIRECTORY("it holds an empty directory"),
    /** A directory the source does not have, written as empty. */
    MISSING_DIRECTORY("a directory is missing from the archive"),
    /**
     * A gitlink whose target is a file or directory of the archive: fast-import aborts on such a
     * gitlink when it has written that object, so the entry is left out.
     */
    UNUSABLE_GITLINK("a gitlink points to a file or directory (left out)"),
    /** A hidden, absent or missing content, written as a placeholder text. */
    UNAVAILABLE_CONTENT("a content is hidden, absent or missing (replaced by a placeholder text)"),
    /** A parent revision the source does not have, left out. */
    MISSING_PARENT("a parent revision is missing from the archive"),
    /** An ancestor cannot be written exactly, so neither can this revision's id. */
    LOSSY_PARENT("a parent cannot be re-created with its id");

    private final String description;

    LossReason(String description) {
        this.description = description;
    }

    /** Returns a short explanation, such as {@code it has no message at all}. */
    public String description() {
        return description;
    }
}
