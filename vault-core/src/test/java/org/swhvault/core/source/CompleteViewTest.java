package org.swhvault.core.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.swhvault.core.cook.Cookers;
import org.swhvault.core.cook.internal.Placeholders;
import org.swhvault.core.source.memory.MemoryObjectSource;
import org.swhvault.core.source.memory.MemorySourceBuilder;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.model.Revision;
import org.swhvault.spi.source.EventuallyConsistent;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;
import org.swhvault.testing.source.ForwardingObjectSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a mirror, a referenced directory, revision or release that has not arrived yet fails every cooker with
 * NOT_YET_AVAILABLE instead of leaving a hole in a bundle; a git repository source keeps leaving it out.
 */
class CompleteViewTest {
    static final ObjectId LOST_DIR = ObjectId.fromHex("d1".repeat(20));
    static final ObjectId LOST_REV = ObjectId.fromHex("e1".repeat(20));

    final MemorySourceBuilder archive = MemoryObjectSource.builder();
    final ObjectId holed = archive.directory(t -> t.file("README", "hi\n").directory("sub", LOST_DIR));
    final ObjectId whole = archive.directory(t -> t.file("README", "hi\n"));
    final ObjectId orphan = archive.revision(r -> r.directory(whole).parents(LOST_REV));
    final ObjectId onHoled = archive.revision(r -> r.directory(holed));
    final ObjectId child = archive.revision(r -> r.directory(whole).parents(onHoled));
    final ObjectId withSubmodule = archive.revision(r -> r.directory(
            archive.directory(t -> t.file("README", "hi\n").submodule("vendor/lib", LOST_REV))));
    final ObjectId snapshot = archive.snapshot(s -> s.revision("refs/heads/main", LOST_REV));
    final ObjectId release = archive.release(r -> r.target(ObjectType.REVISION, LOST_REV).name("v1"));
    /** A file whose content the mirror has no row for (yet). */
    final ObjectId withMissingFile = archive.directory(t -> t.file("README", "hi\n").missingFile("late.txt", "late\n"));
    final ObjectId onMissingFile = archive.revision(r -> r.directory(withMissingFile));
    /** A file listed as visible whose bytes the mirror's objstorage lacks (yet): see {@link #mirror}. */
    final ObjectId lagging = archive.content("lagging\n");
    final ObjectId withLaggingFile = archive.directory(t -> t.file("README", "hi\n").file("lagging.txt", "lagging\n"));
    final ObjectId onLaggingFile = archive.revision(r -> r.directory(withLaggingFile));
    final ObjectId withHiddenFile = archive.directory(t -> t.file("README", "hi\n").hiddenFile("secret", "s\n")
            .absentFile("huge", "h\n"));
    final MemoryObjectSource source = archive.build();
    /** The archive as a mirror whose objstorage has not received the bytes of {@link #lagging}. */
    final ObjectSource mirror = new ForwardingObjectSource(source) {
        @Override
        public InputStream openContent(ObjectId sha1Git) {
            if (sha1Git.equals(lagging)) {
                // what the swh-postgresql and swh-storage RPC sources say of a visible content without bytes
                throw new VaultException(ErrorCode.CONTENT_UNAVAILABLE, "The bytes of swh:1:cnt:" + lagging.toHex()
                        + " are not in the objstorage (yet).");
            }
            return super.openContent(sha1Git);
        }

        @Override
        public <T> Optional<T> unwrap(Class<T> capability) {
            return capability == EventuallyConsistent.class ? Optional.of(capability.cast(new EventuallyConsistent() {
            })) : super.unwrap(capability);
        }
    };

    private static void cook(BundleType type, Swhid swhid, ObjectSource source) throws IOException {
        cook(type, swhid, source, false);
    }

    private static byte[] cook(BundleType type, Swhid swhid, ObjectSource source, boolean placeholders)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cookers.discover().forObject(type, swhid.type())
                .cook(swhid, CompleteView.of(source, swhid, placeholders), out, CookContext.silent());
        return out.toByteArray();
    }

    /**
     * The uncompressed bundle as text, to look for placeholders; empty for git-bare, whose objects are deflated
     * (its placeholders are checked with git in GitBareCookerMemoryTest).
     */
    private static String text(BundleType type, byte[] bundle) throws IOException {
        if (type == BundleType.GIT_BARE) {
            return "";
        }
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(bundle)).readAllBytes();
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /** One object of each kind the cookers take, its root holding {@code dir}. */
    private List<Object[]> cooks(ObjectId dir, ObjectId rev) {
        return List.of(new Object[] {BundleType.FLAT, Swhid.of(ObjectType.DIRECTORY, dir)},
                new Object[] {BundleType.GITFAST, Swhid.of(ObjectType.REVISION, rev)},
                new Object[] {BundleType.GIT_BARE, Swhid.of(ObjectType.DIRECTORY, dir)},
                new Object[] {BundleType.GIT_BARE, Swhid.of(ObjectType.REVISION, rev)});
    }

    @Test
    void aContentTheMirrorHasNoRowForIsNotYetAvailableForEveryCooker() {
        ObjectId late = MemorySourceBuilder.blobId("late\n".getBytes(StandardCharsets.UTF_8));
        for (Object[] c : cooks(withMissingFile, onMissingFile)) {
            assertThatThrownBy(() -> cook((BundleType) c[0], (Swhid) c[1], mirror)).as("%s of %s", c[0], c[1])
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessage("swh:1:cnt:" + late.toHex() + " is not yet available on this mirror.");
        }
    }

    @Test
    void aVisibleContentWhoseBytesTheMirrorLacksIsNotYetAvailableForEveryCooker() {
        for (Object[] c : cooks(withLaggingFile, onLaggingFile)) {
            assertThatThrownBy(() -> cook((BundleType) c[0], (Swhid) c[1], mirror)).as("%s of %s", c[0], c[1])
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessage("The bytes of swh:1:cnt:" + lagging.toHex() + " are not yet available on this mirror.");
        }
    }

    @Test
    void theLastAttemptTakesTheReferencesPlaceholderForAContentThatHasNotArrived() throws IOException {
        for (Object[] c : cooks(withMissingFile, onMissingFile)) {
            String bundle = text((BundleType) c[0], cook((BundleType) c[0], (Swhid) c[1], mirror, true));
            if (c[0] != BundleType.GIT_BARE) {
                assertThat(bundle).as("%s of %s", c[0], c[1]).contains(Placeholders.MISSING);
            }
        }
        for (Object[] c : cooks(withLaggingFile, onLaggingFile)) {
            String bundle = text((BundleType) c[0], cook((BundleType) c[0], (Swhid) c[1], mirror, true));
            if (c[0] != BundleType.GIT_BARE) {
                assertThat(bundle).as("%s of %s", c[0], c[1]).contains(Placeholders.ABSENT);
            }
        }
    }

    @Test
    void hiddenAndSkippedContentsArePlaceholdersAtOnceOnAMirror() throws IOException {
        String flat = text(BundleType.FLAT, cook(BundleType.FLAT, Swhid.of(ObjectType.DIRECTORY, withHiddenFile),
                mirror, false));
        assertThat(flat).contains(Placeholders.HIDDEN).contains(Placeholders.ABSENT);
        cook(BundleType.GIT_BARE, Swhid.of(ObjectType.DIRECTORY, withHiddenFile), mirror, false);
    }

    @Test
    void aSourceThatIsNotAMirrorStillWritesPlaceholdersForMissingContents() throws IOException {
        String flat = text(BundleType.FLAT, cook(BundleType.FLAT, Swhid.of(ObjectType.DIRECTORY, withMissingFile),
                source, false));
        assertThat(flat).contains(Placeholders.MISSING);
    }

    @Test
    void aMissingSubdirectoryIsNotYetAvailableOnAMirror() {
        Swhid dir = Swhid.of(ObjectType.DIRECTORY, holed);
        for (BundleType type : List.of(BundleType.FLAT, BundleType.GIT_BARE)) {
            assertThatThrownBy(() -> cook(type, dir, mirror)).as(type.apiName())
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_YET_AVAILABLE))
                    .hasMessage("swh:1:dir:" + LOST_DIR.toHex() + " is not yet available on this mirror.");
        }
    }

    @Test
    void aMissingRootDirectoryOfARevisionIsNotYetAvailableForEveryCooker() {
        Swhid rev = Swhid.of(ObjectType.REVISION, onHoled);
        for (BundleType type : BundleType.values()) {
            assertThatThrownBy(() -> cook(type, rev, mirror)).as(type.apiName())
                    .hasMessageContaining(" is not yet available on this mirror.");
        }
    }

    @Test
    void aMissingParentIsNotYetAvailableForEveryCooker() {
        Swhid rev = Swhid.of(ObjectType.REVISION, orphan);
        for (BundleType type : BundleType.values()) {
            assertThatThrownBy(() -> cook(type, rev, mirror)).as(type.apiName())
                    .hasMessage("swh:1:rev:" + LOST_REV.toHex() + " is not yet available on this mirror.");
        }
    }

    @Test
    void snapshotBranchesAndReleaseTargetsMustHaveArrived() {
        assertThatThrownBy(() -> cook(BundleType.GIT_BARE, Swhid.of(ObjectType.SNAPSHOT, snapshot), mirror))
                .hasMessage("swh:1:rev:" + LOST_REV.toHex() + " is not yet available on this mirror.");
        assertThatThrownBy(() -> cook(BundleType.GIT_BARE, Swhid.of(ObjectType.RELEASE, release), mirror))
                .hasMessage("swh:1:rev:" + LOST_REV.toHex() + " is not yet available on this mirror.");
    }

    @Test
    void aSubmoduleIsNoObjectToWaitFor() throws IOException {
        // a gitlink names a commit of another repository: the archive need not hold it
        for (BundleType type : BundleType.values()) {
            cook(type, Swhid.of(ObjectType.REVISION, withSubmodule), mirror);
        }
    }

    @Test
    void theRequestedObjectItselfMissingIsStillNotFound() {
        Swhid lost = Swhid.of(ObjectType.DIRECTORY, LOST_DIR);
        assertThatThrownBy(() -> cook(BundleType.FLAT, lost, mirror))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
    }

    @Test
    void aSourceThatIsNotAMirrorStillLeavesMissingObjectsOut() throws IOException {
        assertThat(CompleteView.of(source, Swhid.of(ObjectType.DIRECTORY, holed))).isSameAs(source);
        cook(BundleType.FLAT, Swhid.of(ObjectType.DIRECTORY, holed), source);
        cook(BundleType.GITFAST, Swhid.of(ObjectType.REVISION, orphan), source);
        cook(BundleType.GIT_BARE, Swhid.of(ObjectType.SNAPSHOT, snapshot), source);
    }

    @Test
    void theCheckedLogListsWhatTheSourceListsWhenNothingIsMissing() {
        ObjectSource view = CompleteView.of(mirror, Swhid.of(ObjectType.REVISION, child));
        try (var log = view.revisionLog(child)) {
            assertThat(log.map(Revision::id)).containsExactly(child, onHoled);
        }
    }
}
