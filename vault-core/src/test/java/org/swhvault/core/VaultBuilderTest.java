package org.swhvault.core;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swhvault.core.cook.Cookers;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.swhid.ObjectType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultBuilderTest {
    @TempDir
    Path dir;

    private static void invalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void everySettingIsCheckedAtOnceWithAMessageNamingIt() {
        VaultBuilder b = Vault.builder();
        invalid(() -> b.maxConcurrentCooks(0), "maxConcurrentCooks must be ≥ 1, got 0");
        invalid(() -> b.maxAttempts(0), "maxAttempts must be ≥ 1, got 0");
        invalid(() -> b.maxBundleSize(BundleType.GIT_BARE, 0), "maxBundleSize for git-bare must be ≥ 1, got 0");
        invalid(() -> b.leaseDuration(Duration.ofMillis(2)), "leaseDuration must be at least 3 ms, got PT0.002S");
        invalid(() -> b.retryBackoff(Duration.ofSeconds(-1)), "retryBackoff must not be negative, got PT-1S");
        invalid(() -> b.shutdownGracePeriod(Duration.ofSeconds(-1)),
                "shutdownGracePeriod must not be negative, got PT-1S");
        invalid(() -> b.instanceId(" "), "instanceId must be non-blank and without '#', got ' '");
        invalid(() -> ExpiryPolicy.keepForever().withMaxAge(Duration.ZERO), "maxAge must be positive, got PT0S");
        invalid(() -> ExpiryPolicy.keepForever().withMaxTotalSize(-1), "maxTotalSize must be ≥ 0, got -1");
        assertThatThrownBy(() -> b.source(null)).isInstanceOf(NullPointerException.class).hasMessage("source is null");
    }

    @Test
    void aPluginsNameAndSettingsAreCheckedWhenGivenNotWhenBuilt() {
        VaultBuilder b = Vault.builder();
        invalid(() -> b.source(" ", Map.of()), "A plug-in name must not be blank, got ' '");
        invalid(() -> b.requestStore("", Map.of()), "A plug-in name must not be blank, got ''");
        invalid(() -> b.cooker("", Map.of()), "A plug-in name must not be blank, got ''");
        Map<String, String> nullPath = new HashMap<>();
        nullPath.put("path", null);
        assertThatThrownBy(() -> b.store("fs", nullPath)).isInstanceOf(NullPointerException.class)
                .hasMessage("the setting 'path' of fs is null");
        assertThatThrownBy(() -> b.cooker("flat", nullPath)).isInstanceOf(NullPointerException.class)
                .hasMessage("the setting 'path' of flat is null");
        assertThatThrownBy(() -> b.source("git", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("config is null");
    }

    @Test
    void aDurationNoClockCanAddIsRefusedWhenGivenNotAnArithmeticExceptionLater() {
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        invalid(() -> Vault.builder().leaseDuration(forever),
                "leaseDuration must be at most 100 years, got " + forever);
        invalid(() -> ExpiryPolicy.keepForever().withMaxAge(forever), "maxAge must be at most 100 years, got " + forever);
        invalid(() -> ExpiryPolicy.keepForever().withMaxIdle(forever), "maxIdle must be at most 100 years, got " + forever);
        invalid(() -> ExpiryPolicy.keepForever().withInterval(forever),
                "interval must be at most 100 years, got " + forever);
    }

    @Test
    void theSourceAndTheStoreAreRequired() {
        try (VaultHarness h = new VaultHarness(dir, 1)) {
            invalid(() -> Vault.builder().store(h.store).build(), "source is required: call source(ObjectSource) or source(name, settings)");
            invalid(() -> Vault.builder().source(h.source).build(), "store is required: call store(BundleStore) or store(name, settings)");
        }
    }

    @Test
    void withOnlyTheRequiredPartsTheVaultCooksOnItsOwnThreadsWithTheDiscoveredCookers() throws Exception {
        try (VaultHarness h = new VaultHarness(dir, 1);
                Vault vault = Vault.builder().source(h.source).store(h.store).build()) {
            vault.cook(BundleType.FLAT, h.dir(0));

            assertThat(vault.awaitCompletion(BundleType.FLAT, h.dir(0), Duration.ofMinutes(1)).state())
                    .isEqualTo(RequestState.DONE);
            ByteArrayOutputStream direct = new ByteArrayOutputStream();
            Cookers.discover().forObject(BundleType.FLAT, ObjectType.DIRECTORY)
                    .cook(h.dir(0), h.source, direct, CookContext.silent());
            assertThat(h.read(vault, h.dir(0))).as("the vault serves what the cooker writes, byte for byte")
                    .isEqualTo(direct.toByteArray());
        }
    }

    @Test
    void aSchedulerOrAnExecutorAlreadyShutDownIsRefusedWithASentence() {
        try (VaultHarness h = new VaultHarness(dir, 1)) {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            scheduler.shutdown();
            invalid(() -> Vault.builder().scheduler(scheduler),
                    "scheduler is shut down: the vault renews its leases, retries and expires on it");
            ExecutorService executor = Executors.newSingleThreadExecutor();
            executor.shutdown();
            invalid(() -> Vault.builder().executor(executor), "executor is shut down: the vault would never cook on it");

            ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
            VaultBuilder builder = Vault.builder().source(h.source).store(h.store).scheduler(later);
            later.shutdown();
            invalid(builder::build, "The scheduler refused the vault's tasks (is it shut down?): the vault renews its "
                    + "leases, retries and expires on it.");
        }
    }
}
