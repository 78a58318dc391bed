package org.swhvault.http;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesTest {
    private static final String HEX = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final Swhid DIR = Swhid.parse("swh:1:dir:" + HEX);
    private static final Swhid REV = Swhid.parse("swh:1:rev:" + HEX);

    @Test
    void cookAndRawRoutesForEveryBundleType() {
        assertThat(Routes.parse("/api/1/vault/flat/swh:1:dir:" + HEX + "/", null))
                .isEqualTo(new Route.Cook(BundleType.FLAT, DIR, false));
        assertThat(Routes.parse("/api/1/vault/gitfast/swh:1:rev:" + HEX + "/raw/", null))
                .isEqualTo(new Route.Raw(BundleType.GITFAST, REV));
        assertThat(Routes.parse("/api/1/vault/git-bare/swh:1:rev:" + HEX + "/", null))
                .isEqualTo(new Route.Cook(BundleType.GIT_BARE, REV, false));
        assertThat(Routes.parse("/api/1/vault/git_bare/swh:1:rev:" + HEX + "/raw/", null))
                .isEqualTo(new Route.Raw(BundleType.GIT_BARE, REV));
    }

    @Test
    void theTrailingSlashIsOptional() {
        assertThat(Routes.parse("/api/1/vault/flat/swh:1:dir:" + HEX, null))
                .isEqualTo(new Route.Cook(BundleType.FLAT, DIR, false));
        assertThat(Routes.parse("/api/1/vault/flat/swh:1:dir:" + HEX + "/raw", null))
                .isEqualTo(new Route.Raw(BundleType.FLAT, DIR));
    }

    @Test
    void aQualifiedSwhidIsRefusedAsCoreSwhidRefusesIt() {
        for (String path : List.of("/api/1/vault/flat/swh:1:dir:" + HEX + ";origin=https://example.org/a b;path=/x/y/",
                "/api/1/vault/flat/swh:1:dir:" + HEX + ";origin=https://example.org/raw/")) {
            assertThatThrownBy(() -> Routes.parse(path, null)).isInstanceOf(ApiError.class)
                    .hasMessage("Error when parsing identifier: CoreSWHID does not support qualifiers.");
        }
    }

    @Test
    void anUppercaseCoreIsLowerCasedAsTheReferenceDoes() {
        assertThat(Routes.parse("/api/1/vault/flat/SWH:1:DIR:" + HEX.toUpperCase() + "/", null))
                .isEqualTo(new Route.Cook(BundleType.FLAT, DIR, false));
    }

    @Test
    void aMalformedSwhidIsABadInputWithTheParsersReason() {
        assertThatThrownBy(() -> Routes.parse("/api/1/vault/flat/swh:1:dir:1234/", null))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.exception()).isEqualTo("BadInputExc");
                    assertThat(e.reason()).startsWith("Error when parsing identifier: ")
                            .contains("column");
                });
        assertThatThrownBy(() -> Routes.parse("/api/1/vault/flat/not-a-swhid/", null))
                .isInstanceOf(ApiError.class);
        // ori SWHIDs name no archive object that can be cooked
        assertThatThrownBy(() -> Routes.parse("/api/1/vault/flat/swh:1:ori:" + HEX + "/", null))
                .isInstanceOf(ApiError.class);
    }

    @Test
    void legacyDirectoryRoutes() {
        assertThat(Routes.parse("/api/1/vault/directory/" + HEX + "/", null))
                .isEqualTo(new Route.Cook(BundleType.FLAT, DIR, true));
        assertThat(Routes.parse("/api/1/vault/directory/" + HEX + "/raw/", null))
                .isEqualTo(new Route.Redirect("/api/1/vault/flat/swh:1:dir:" + HEX + "/raw/", Route.RAW_METHODS));
    }

    @Test
    void legacyRevisionRoutes() {
        assertThat(Routes.parse("/api/1/vault/revision/" + HEX + "/gitfast/", null))
                .isEqualTo(new Route.Cook(BundleType.GITFAST, REV, true));
        assertThat(Routes.parse("/api/1/vault/revision/" + HEX + "/gitfast/raw/", null))
                .isEqualTo(new Route.Redirect("/api/1/vault/gitfast/swh:1:rev:" + HEX + "/raw/",
                        Route.RAW_METHODS));
        assertThat(Routes.parse("/api/1/vault/revision/" + HEX + "/", null)).isInstanceOf(Route.Unknown.class);
    }

    @Test
    void legacyUppercaseHexIsRedirectedToLowercaseKeepingTheQuery() {
        assertThat(Routes.parse("/api/1/vault/directory/" + HEX.toUpperCase() + "/", "email=a%40b.org"))
                .isEqualTo(new Route.Redirect("/api/1/vault/directory/" + HEX + "/?email=a%40b.org",
                        Route.COOK_METHODS));
        assertThat(Routes.parse("/api/1/vault/revision/" + HEX.toUpperCase() + "/gitfast/raw/", null))
                .isEqualTo(new Route.Redirect("/api/1/vault/revision/" + HEX + "/gitfast/raw/", Route.RAW_METHODS));
    }

    @Test
    void legacyHexOfTheWrongLengthIsNotSha1Git() {
        assertThatThrownBy(() -> Routes.parse("/api/1/vault/directory/abcdef/", null))
                .isInstanceOfSatisfying(ApiError.class,
                        e -> assertThat(e.reason()).isEqualTo("Only sha1_git is supported."));
    }

    @Test
    void otherPathsAreUnknown() {
        for (String path : new String[] {"/", "/api/1/", "/api/1/vault/", "/api/1/vault/flat/", "/api/1/vault/zip/x/",
                "/api/1/content/raw/", "/api/1/vault/directory/xyz/", "/vault/flat/swh:1:dir:" + HEX + "/"}) {
            assertThat(Routes.parse(path, null)).as(path).isInstanceOf(Route.Unknown.class);
        }
    }
}
