package org.swhvault.spi.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.swhid.ObjectType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFactoriesTest {
    private static final ObjectId ZERO = ObjectId.fromHex("0000000000000000000000000000000000000000");
    private static final String CNT = "swh:1:cnt:568aaf43d83b2c3df8067f3bedbb97d83260be6d";

    private static void assertCode(Throwable t, ErrorCode code) {
        assertThat(t).isInstanceOf(VaultException.class);
        assertThat(((VaultException) t).code()).isEqualTo(code);
    }

    @Test
    void personsAreBuiltAsTheArchiveBuildsThem() {
        assertThat(Person.of("Ann", "a@b").fullname()).isEqualTo(Bytes.utf8("Ann <a@b>"));
        assertThat(Person.of("Ann", null).fullname()).isEqualTo(Bytes.utf8("Ann"));
        assertThat(Person.of(null, "a@b").fullname()).isEqualTo(Bytes.utf8("<a@b>"));
        assertThat(Person.of((String) null, null).fullname()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void originIdsArePlainSha1AndLongUrlsAreRejected() {
        assertThat(Identifiers.origin("https://github.com/torvalds/linux").toHex())
                .isEqualTo("b63a575fe3faab7692c9f38fb09d4bb45651bb0f");
        assertThat(Identifiers.origin("h".repeat(2047))).isNotNull();
        assertThatThrownBy(() -> Identifiers.origin("h".repeat(2048)))
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_ARGUMENT));
        // The limit is on UTF-8 bytes, not characters.
        assertThatThrownBy(() -> Identifiers.origin("é".repeat(1024)))
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void aDateWithoutItsPersonIsRejected() {
        assertThatThrownBy(() -> Revision.builder().directory(ZERO).date(Timestamp.of(0, "+0000")).build())
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
        assertThatThrownBy(() -> Revision.builder().directory(ZERO).committerDate(Timestamp.of(0, "+0000")).build())
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
        assertThatThrownBy(() -> Release.builder().name("v").target(ObjectType.REVISION, ZERO)
                .date(Timestamp.of(0, "+0000")).build())
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
        assertThatThrownBy(() -> Revision.builder().build()).satisfies(t -> assertCode(t, ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> Release.builder().name("v").build())
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void aGivenIdIsKeptAndCanBeVerified() {
        Revision stored = Revision.builder().directory(ZERO).message("m").id(ZERO).build();
        assertThat(stored.id()).isEqualTo(ZERO);
        assertThat(Identifiers.verify(stored)).isFalse();
        Revision computed = Revision.builder().directory(ZERO).message("m").build();
        assertThat(Identifiers.verify(computed)).isTrue();
        assertThat(computed.type()).isEqualTo(RevisionType.GIT);
        assertThat(computed.synthetic()).isFalse();
    }

    @Test
    void typeAndSyntheticAreNotHashed() {
        Revision a = Revision.builder().directory(ZERO).type(RevisionType.TAR).synthetic(true).build();
        Revision b = Revision.builder().directory(ZERO).build();
        assertThat(a.id()).isEqualTo(b.id());
        Release r1 = Release.builder().name("v").target(ObjectType.REVISION, ZERO).synthetic(true).build();
        Release r2 = Release.builder().name("v").target(ObjectType.REVISION, ZERO).build();
        assertThat(r1.id()).isEqualTo(r2.id());
    }

    @Test
    void rawExtrinsicMetadataEnforcesContextRules() {
        RawExtrinsicMetadata.Builder base = RawExtrinsicMetadata.builder()
                .discoveryDate(Instant.ofEpochSecond(0))
                .authority(RawExtrinsicMetadata.AuthorityType.FORGE, "https://f/")
                .fetcher("f", "1")
                .metadata("json", Bytes.utf8("{}"));
        assertThatThrownBy(() -> base.target("swh:1:ori:" + "0".repeat(40)).origin("https://o").build())
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
        RawExtrinsicMetadata.Builder onDir = RawExtrinsicMetadata.builder()
                .target("swh:1:dir:" + "0".repeat(40))
                .discoveryDate(Instant.ofEpochSecond(0))
                .authority(RawExtrinsicMetadata.AuthorityType.REGISTRY, "https://r/")
                .fetcher("f", "1")
                .metadata("json", Bytes.utf8("{}"));
        assertThatThrownBy(() -> onDir.directory("swh:1:dir:" + "1".repeat(40)).build())
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
    }

    @Test
    void rawExtrinsicMetadataChecksVisitsOriginsAndSwhidTypes() {
        assertThatThrownBy(() -> emd().visit(1).build()).hasMessageContaining("needs an origin");
        assertThatThrownBy(() -> emd().origin("https://o").visit(0).build()).hasMessageContaining("positive");
        assertThatThrownBy(() -> emd().origin("swh:1:ori:" + "0".repeat(40)).build()).hasMessageContaining("URL");
        assertThatThrownBy(() -> emd().snapshot("swh:1:rev:" + "0".repeat(40)).build())
                .hasMessageContaining("swh:1:snp:");
        assertThatThrownBy(() -> emd().target("swh:1:CNT:" + "0".repeat(40)).build())
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
        RawExtrinsicMetadata ok = emd().origin("https://o").visit(3).path(Bytes.utf8("/a")).build();
        assertThat(Identifiers.verify(ok)).isTrue();
        assertThat(ok.visit()).hasValue(3);
    }

    @Test
    void discoveryDatesAreFlooredToTheSecond() {
        RawExtrinsicMetadata whole = emd().discoveryDate(Instant.ofEpochSecond(-1)).build();
        RawExtrinsicMetadata fraction = emd().discoveryDate(Instant.parse("1969-12-31T23:59:59.000001Z")).build();
        assertThat(fraction.id()).isEqualTo(whole.id());
        assertThat(new String(Manifests.rawExtrinsicMetadata(fraction))).contains("\ndiscovery_date -1\n");
    }

    private static RawExtrinsicMetadata.Builder emd() {
        return RawExtrinsicMetadata.builder()
                .target(CNT)
                .discoveryDate(Instant.ofEpochSecond(1611574071))
                .authority(RawExtrinsicMetadata.AuthorityType.DEPOSIT_CLIENT, "https://d/")
                .fetcher("f", "1")
                .metadata("json", Bytes.utf8("{}"));
    }

    @Test
    void extIdsNeedACoreTargetAndPayloadFieldsTogether() {
        assertThatThrownBy(() -> ExtId.of("t", 0, Bytes.utf8("x"), "swh:1:ori:" + "0".repeat(40)))
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
        assertThatThrownBy(() -> ExtId.of("t", 0, Bytes.utf8("x"), CNT, Optional.of("p"), Optional.empty()))
                .satisfies(t -> assertCode(t, ErrorCode.INVALID_OBJECT));
        ExtId withLf = ExtId.of("t", 2, Bytes.utf8("x"), CNT, Optional.of("p"),
                Optional.of(ObjectId.fromHex("0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a")));
        // A raw payload byte 0x0a is a line feed and gets escaped like any header value.
        assertThat(new String(Manifests.extId(withLf))).endsWith("payload " + "\n ".repeat(20) + "\n")
                .contains("extid_version 2\n");
    }

    @Test
    void snapshotFactorySortsBranches() {
        Snapshot s = Snapshot.of(List.of(new SnapshotBranch(Bytes.utf8("b"), BranchTarget.DANGLING),
                new SnapshotBranch(Bytes.utf8("a"), BranchTarget.DANGLING)));
        assertThat(s.branches()).extracting(b -> b.name().toStringUtf8()).containsExactly("a", "b");
        assertThat(Identifiers.verify(s)).isTrue();
    }

    @Test
    void offsetsParseAsTheArchiveDoes() {
        assertThat(Timestamp.of(0, "+0530").offsetMinutes()).isEqualTo(330);
        assertThat(Timestamp.of(0, "garbage").offsetMinutes()).isZero();
        assertThat(Timestamp.of(0, "").offsetMinutes()).isZero();
        assertThat(Timestamp.of(0, "+").offsetMinutes()).isZero();
        assertThat(Timestamp.ofOffsetMinutes(0, 0, -420, false).offset()).isEqualTo(Bytes.utf8("-0700"));
        assertThat(Timestamp.ofOffsetMinutes(0, 0, 0, true).offset()).isEqualTo(Bytes.utf8("-0000"));
        assertThat(Timestamp.ofOffsetMinutes(0, 0, 100 * 60, false).offset()).isEqualTo(Bytes.utf8("+10000"));
    }
}
