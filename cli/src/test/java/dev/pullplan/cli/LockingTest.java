package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.state.LocalStateBackend;
import dev.pullplan.state.StateLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state lock is taken before refresh; -lock=false skips it; Ctrl-C during apply stops cleanly. */
class LockingTest {
  private static final String SP = "access.team_apps.service_principal";

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void stack() throws Exception {
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    cli = new CliRun(dir);
  }

  private StateLock holdLock() {
    return new LocalStateBackend(dir.resolve(Workspace.STATE_FILE), Optional.empty(), w -> {}).lock("apply", Duration.ZERO);
  }

  @Test
  void applyReportsTheLockBeforeRefreshing() {
    CliRun.Result r;
    try (StateLock held = holdLock()) {
      r = cli.inStack("apply", "-auto-approve");
    }

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("lock");
    assertThat(r.out()).doesNotContain("Plan:");
    assertThat(cli.world.reads()).isZero();
  }

  @Test
  void planReportsTheLockBeforeRefreshing() {
    CliRun.Result r;
    try (StateLock held = holdLock()) {
      r = cli.inStack("plan");
    }

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("lock");
    assertThat(cli.world.reads()).isZero();
  }

  @Test
  void lockFalsePlansWhileAnotherRunHoldsTheLock() {
    CliRun.Result r;
    try (StateLock held = holdLock()) {
      r = cli.inStack("plan", "-lock=false");
    }

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Plan: 6 to add");
  }

  @Test
  void planReleasesTheLockItTook() {
    assertThat(cli.inStack("plan").exit()).isZero();

    assertThat(dir.resolve(Workspace.STATE_FILE + ".lock")).doesNotExist();
    assertThat(cli.inStack("apply", "-auto-approve").exit()).isZero();
  }

  @Test
  void firstInterruptFinishesWhatIsInFlightRecordsItAndReleasesTheLock() throws Exception {
    cli.world.delay(SP, 1500);
    Thread interrupter = new Thread(() -> {
      while (List.copyOf(cli.world.log()).stream().noneMatch(l -> l.endsWith(SP))) {
        Thread.onSpinWait();
      }
      Interrupts.signal();
    });
    interrupter.start();

    CliRun.Result r = cli.inStack("apply", "-auto-approve");
    interrupter.join(10_000);

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("Interrupt received: no new change will start")
        .contains("interrupted: 1 change(s) were made and recorded in state; 5 did not start")
        .contains("access.team_apps.k8s_secret[\"apps\"]: not started");
    assertThat(cli.world.objects()).containsOnlyKeys(SP);
    assertThat(cli.inStack("state", "list").out()).contains(SP);
    assertThat(dir.resolve(Workspace.STATE_FILE + ".lock")).doesNotExist();
    assertThat(cli.inStack("apply", "-auto-approve").exit()).isZero();
    assertThat(cli.world.objects()).hasSize(6);
  }

  /** A holder of the lock that, while holding it, removes one resource from state and the world, then lets go. */
  private Thread holderThatChangesState(StateLock held, String address) {
    Thread t = new Thread(() -> {
      try (held) {
        Thread.sleep(700);
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(Workspace.STATE_FILE), Optional.empty(), w -> {});
        var state = backend.read().orElseThrow();
        backend.write(state.with(dev.pullplan.address.Address.parse(address).orElseThrow(), Optional.empty()).nextSerial());
        cli.world.objects().remove(address);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    return t;
  }

  @Test
  void applyThatWaitedForTheLockPlansAfreshAndAppliesWhatTheHolderLeft() throws Exception {
    assertThat(cli.inStack("apply", "-auto-approve").exit()).isZero();
    String secret = "access.team_apps.k8s_secret[\"apps\"]";
    Thread holder = holderThatChangesState(holdLock(), secret);

    CliRun.Result r = cli.inStack("apply", "-auto-approve", "-lock-timeout=20s");
    holder.join(10_000);

    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.all()).doesNotContain("moved on").contains("Plan: 1 to add");
    assertThat(cli.world.objects()).containsKey(secret);
    assertThat(cli.inStack("plan", "-detailed-exitcode").exit()).isZero();
  }

  @Test
  void aSavedPlanMadeStaleWhileWaitingForTheLockIsRefusedWithHowToPlanAgain() throws Exception {
    assertThat(cli.inStack("apply", "-auto-approve").exit()).isZero();
    cli.world.objects().remove(SP);
    assertThat(cli.inStack("plan", "-out=fix.plan").exit()).isZero();
    Thread holder = holderThatChangesState(holdLock(), "access.team_apps.k8s_secret[\"jobs\"]");

    CliRun.Result r = cli.inStack("apply", "-lock-timeout=20s", "fix.plan");
    holder.join(10_000);

    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("the saved plan fix.plan is stale and was not applied")
        .contains("the state moved on since the plan was made")
        .contains("pullplan plan --out fix.plan").contains("`pullplan apply` without a plan file");
    assertThat(cli.world.objects()).doesNotContainKey(SP);
  }
}
