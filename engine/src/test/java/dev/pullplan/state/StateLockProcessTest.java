package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock against a real second process: the case the OS lock exists for. */
class StateLockProcessTest {
  @TempDir Path dir;

  private LocalStateBackend backend() {
    return new LocalStateBackend(dir.resolve("pullplan.state.json"), Optional.empty(), w -> {});
  }

  private ChildJvm holder() throws Exception {
    return ChildJvm.start(LockHolderMain.class, dir.resolve("pullplan.state.json").toString());
  }

  @Test
  void lockHeldByAnotherProcessIsRefusedAtOnceNamingTheHolder() throws Exception {
    try (ChildJvm child = holder()) {
      String childLockId = child.nextLine().substring("LOCKED ".length());

      assertThatThrownBy(() -> backend().lock("apply", Duration.ZERO))
          .isInstanceOfSatisfying(StateLockedException.class, e -> {
            assertThat(e.holder().id()).isEqualTo(childLockId);
            assertThat(e.holder().who()).endsWith("pid " + child.process().pid());
          })
          .hasMessageContaining("force-unlock " + childLockId);
    }
  }

  @Test
  void lockWithATimeoutWaitsForTheOtherProcessToFinish() throws Exception {
    try (ChildJvm child = holder()) {
      child.nextLine();
      Instant start = Instant.now();
      CompletableFuture.runAsync(() -> {
        sleep(400);
        closeInput(child);
      });

      try (StateLock lock = backend().lock("apply", Duration.ofSeconds(20))) {
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(child.process().waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.info().operation()).isEqualTo("apply");
      }
    }
  }

  @Test
  void forceUnlockRefusesWhileAnotherProcessHoldsTheLockAndWorksAfterItDied() throws Exception {
    try (ChildJvm child = holder()) {
      String childLockId = child.nextLine().substring("LOCKED ".length());

      assertThatThrownBy(() -> backend().forceUnlock(childLockId)).hasMessageContaining("locked by a live process");

      child.kill();
      assertThat(dir.resolve("pullplan.state.json.lock")).exists();
      backend().forceUnlock(childLockId);
      assertThat(dir.resolve("pullplan.state.json.lock")).doesNotExist();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeInput(ChildJvm child) {
    try {
      child.closeInput();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
