package org.swhvault.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.request.RequestState;

import static org.assertj.core.api.Assertions.assertThat;

class VaultListenerTest {
    /** The example listener of {@link NotificationMail}: formats the reference's mails, "sends" them here. */
    static final class Mailer implements VaultListener {
        record Sent(String to, NotificationMail mail) {
        }

        final List<Sent> sent = new ArrayList<>();
        final List<BundleStatus> progress = new ArrayList<>();

        @Override
        public void onProgress(BundleStatus status) {
            progress.add(status);
        }

        @Override
        public void onDone(BundleStatus status, List<String> notifyEmails) {
            NotificationMail mail = NotificationMail.ready(status, NotificationMail.DEFAULT_API_URL);
            notifyEmails.forEach(to -> sent.add(new Sent(to, mail)));
        }

        @Override
        public void onFailed(BundleStatus status, List<String> notifyEmails) {
            NotificationMail mail = NotificationMail.failed(status);
            notifyEmails.forEach(to -> sent.add(new Sent(to, mail)));
        }
    }

    @TempDir
    Path dir;
    VaultHarness h;
    Mailer mailer = new Mailer();
    Vault vault;

    @BeforeEach
    void start() {
        h = new VaultHarness(dir);
        vault = h.builder().listener(mailer).build();
    }

    @AfterEach
    void stop() {
        vault.close();
        h.close();
    }

    @Test
    void everyAddressIsToldOnceWhenTheBundleIsReady() {
        vault.cook(BundleType.FLAT, h.dir(0), Optional.of("a@example.org"));
        vault.cook(BundleType.FLAT, h.dir(0), Optional.of("b@example.org"));
        vault.cook(BundleType.FLAT, h.dir(0), Optional.of("a@example.org"));
        vault.cook(BundleType.FLAT, h.dir(0), Optional.of("  "));
        h.executor.runAll();

        assertThat(mailer.sent).extracting(Mailer.Sent::to).containsExactly("a@example.org", "b@example.org");
        NotificationMail mail = mailer.sent.get(0).mail();
        String hex = h.dir(0).id().toHex();
        assertThat(mail.subject()).isEqualTo("Bundle ready: flat " + hex.substring(0, 7));
        assertThat(mail.body())
                .contains("Bundle Type: flat\n")
                .contains("Object SWHID: " + h.dir(0) + "\n")
                .contains("https://archive.softwareheritage.org/api/1/vault/flat/" + h.dir(0) + "/raw\n")
                .contains("might expire")
                .endsWith("\n-- \nThe Software Heritage Developers\n");

        vault.cook(BundleType.FLAT, h.dir(0), Optional.of("c@example.org"));
        assertThat(mailer.sent).as("a cooked bundle is announced at once, to the new address only")
                .extracting(Mailer.Sent::to).containsExactly("a@example.org", "b@example.org", "c@example.org");
    }

    @Test
    void everyAddressIsToldWhyTheBundleFailed() {
        vault.close();
        vault = h.builder().listener(mailer).maxBundleSize(BundleType.FLAT, 10).build();
        vault.cook(BundleType.FLAT, h.dir(1), Optional.of("a@example.org"));
        h.executor.runAll();

        assertThat(mailer.sent).hasSize(1);
        NotificationMail mail = mailer.sent.get(0).mail();
        assertThat(mail.subject()).isEqualTo("Bundle failed: flat " + h.dir(1).id().toHex().substring(0, 7));
        assertThat(mail.body()).contains("\nThe requested bundle exceeds the maximum allowed size of 10 bytes.\n");

        vault.cook(BundleType.FLAT, h.dir(1));
        h.executor.runAll();
        assertThat(mailer.sent).as("addresses are forgotten once told").hasSize(1);
    }

    @Test
    void progressReachesTheStatusAndTheListenersAtMostOnceASecondOnOneLine() {
        List<Optional<String>> seenDuringCook = new ArrayList<>();
        h.cooker.script((swhid, out, context) -> {
            for (int i = 0; i < 10; i++) {
                context.progress("Writing objects\n  at some.Frame", i, 10);
                seenDuringCook.add(vault.status(BundleType.FLAT, swhid).orElseThrow().progressMessage());
                h.clock.advance(Duration.ofMillis(300));
            }
            out.write(1);
        });
        vault.cook(BundleType.FLAT, h.dir(0));
        h.executor.runAll();

        assertThat(mailer.progress).extracting(s -> s.progressMessage().orElseThrow())
                .containsExactly("Writing objects (4/10)", "Writing objects (8/10)");
        assertThat(seenDuringCook.get(3)).contains("Processing...");
        assertThat(seenDuringCook.get(4)).contains("Writing objects (4/10)");
        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().progressMessage())
                .as("a done bundle has no progress message, as in the reference").isEmpty();
    }

    @Test
    void aFailingListenerDoesNotStopTheVaultNorTheOtherListeners() {
        cookWithAFailingListenerFirst(new VaultListener() {
            @Override
            public void onDone(BundleStatus status, List<String> notifyEmails) {
                throw new IllegalStateException("SMTP server down");
            }
        });

        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(mailer.sent).hasSize(1);
    }

    /** Rebuilds the vault with {@code failing} before the mailer, and cooks a bundle to be mailed about. */
    private void cookWithAFailingListenerFirst(VaultListener failing) {
        vault.close();
        vault = h.builder().listener(failing).listener(mailer).build();
        vault.cook(BundleType.FLAT, h.dir(0), Optional.of("a@example.org"));
        h.executor.runAll();
    }

    @Test
    void aListenerFailingWithAnErrorDoesNotKillTheCookThreadNorSilenceTheOtherListeners() {
        cookWithAFailingListenerFirst(new VaultListener() {
            @Override
            public void onDone(BundleStatus status, List<String> notifyEmails) {
                throw new NoClassDefFoundError("javax/mail/Transport"); // a host's missing mail library
            }

            @Override
            public void onAttemptEnded(CookAttempt attempt) {
                throw new AssertionError("a host's assert");
            }
        });

        assertThat(vault.status(BundleType.FLAT, h.dir(0)).orElseThrow().state()).isEqualTo(RequestState.DONE);
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    void theReferenceSpellsGitBareWithAnUnderscoreInMailsButNotInUrls() {
        BundleStatus status = new BundleStatus(1, new org.swhvault.spi.store.BundleKey(BundleType.GIT_BARE, h.dir(0)),
                RequestState.DONE, Optional.empty(), VaultHarness.START, Optional.of(VaultHarness.START),
                VaultHarness.START, false, 1, Optional.empty());

        NotificationMail mail = NotificationMail.ready(status, "https://vault.example.org/api/1/");
        assertThat(mail.subject()).startsWith("Bundle ready: git_bare ");
        assertThat(mail.body()).contains("Bundle Type: git_bare\n")
                .contains("https://vault.example.org/api/1/vault/git-bare/" + h.dir(0) + "/raw\n");
    }
}
