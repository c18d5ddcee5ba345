package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.sandbox.kube.KubeSandbox;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Suite 3 of issue 13: two runs on one state, for each state backend — local file, git branch,
 * Kubernetes Lease and Secret. While one apply holds the lock, a second apply fails at once
 * naming the holder, a plan given -lock-timeout waits and then plans against what the first one
 * applied, and the read-only commands (show, drift, state list) work, taking no lock.
 */
class ConcurrencyTest {
  private static final String SP = "access.team_apps.service_principal";
  /** How long the first apply holds the lock: its service principal takes this long to create. */
  private static final long HOLD_MS = 6_000;

  enum Backend { LOCAL, GIT, KUBERNETES }

  @TempDir Path tmp;
  private KubeSandbox kube;

  @AfterEach
  void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  private CliRun stackWith(Backend backend) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("stack"));
    Files.writeString(dir.resolve("main.pullplan.hcl"), CommandLineTest.STACK);
    CliRun cli = new CliRun(dir);
    cli.env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    switch (backend) {
      case LOCAL -> { }
      case GIT -> {
        Path bare = tmp.resolve("state.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        Files.writeString(dir.resolve("backend.pullplan.hcl"), "backend \"git\" {\n  url = \"" + bare.toUri() + "\"\n}\n");
      }
      case KUBERNETES -> {
        kube = KubeSandbox.start(List.of("ops"));
        kube.client("ops").namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("platform")
            .endMetadata().build()).create();
        Path kubeconfig = kube.writeKubeconfig(tmp.resolve("kubeconfig"));
        Files.writeString(dir.resolve("backend.pullplan.hcl"), "backend \"kubernetes\" {\n  name = \"prod\"\n"
            + "  namespace = \"platform\"\n  kubeconfig = \"" + kubeconfig + "\"\n}\n");
      }
    }
    return cli;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void whileOneApplyRunsASecondFailsFastNamingTheHolderAndReadersWork(Backend backend) throws Exception {
    CliRun cli = stackWith(backend);
    cli.world.delay(SP, HOLD_MS);
    CompletableFuture<CliRun.Result> first = CompletableFuture.supplyAsync(() -> cli.inStack("apply", "-auto-approve"));
    awaitRefreshStarted(cli, first);

    long started = System.nanoTime();
    CliRun.Result second = cli.inStack("apply", "-auto-approve");
    Duration secondTook = Duration.ofNanos(System.nanoTime() - started);
    CliRun.Result show = cli.inStack("show");
    CliRun.Result list = cli.inStack("state", "list");
    CliRun.Result drift = cli.inStack("drift");
    boolean firstStillRunning = !first.isDone();
    CliRun.Result firstResult = first.get(60, TimeUnit.SECONDS);

    System.out.printf("concurrency (%s): second apply refused in %d ms while the first ran (%s); show %d, state list %d,"
        + " drift %d meanwhile; first apply %d%n", backend, secondTook.toMillis(), firstLine(second.err()), show.exit(),
        list.exit(), drift.exit(), firstResult.exit());
    assertThat(firstStillRunning).as("the checks ran while the first apply held the lock").isTrue();
    assertThat(second.exit()).as(second.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(second.err()).contains("is locked").contains("held by").contains("for 'apply'")
        .contains("force-unlock");
    assertThat(secondTook).as("fails fast").isLessThan(Duration.ofMillis(HOLD_MS));
    assertThat(show.exit()).as(show.all()).isZero();
    assertThat(list.exit()).as(list.all()).isZero();
    assertThat(drift.exit()).as(drift.all()).isIn(0, 2);
    assertThat(firstResult.exit()).as(firstResult.all()).isZero();
    assertThat(cli.inStack("plan", "--detailed-exitcode").exit()).as("the first apply's work is all there").isZero();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSecondRunWithLockTimeoutWaitsForTheFirstAndThenSeesItsWork(Backend backend) throws Exception {
    CliRun cli = stackWith(backend);
    cli.world.delay(SP, HOLD_MS);
    CompletableFuture<CliRun.Result> first = CompletableFuture.supplyAsync(() -> cli.inStack("apply", "-auto-approve"));
    awaitRefreshStarted(cli, first);

    long started = System.nanoTime();
    CliRun.Result second = cli.inStack("plan", "-lock-timeout=60s", "--detailed-exitcode");
    Duration secondTook = Duration.ofNanos(System.nanoTime() - started);
    boolean firstDoneBeforeSecond = first.isDone();
    CliRun.Result firstResult = first.get(60, TimeUnit.SECONDS);

    System.out.printf("concurrency (%s): plan -lock-timeout waited %d ms for the first apply, then exit %d%n", backend,
        secondTook.toMillis(), second.exit());
    assertThat(firstResult.exit()).as(firstResult.all()).isZero();
    assertThat(firstDoneBeforeSecond).as("the waiting plan ran after the apply released the lock").isTrue();
    assertThat(second.exit()).as("it plans against the applied state: no changes%n%s", second.all()).isZero();
    assertThat(second.out()).contains("No changes");
  }

  /** The first apply has taken the lock once it reads: refresh comes after the lock. */
  private static void awaitRefreshStarted(CliRun cli, CompletableFuture<CliRun.Result> first) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (cli.world.log().isEmpty() && cli.world.reads() == 0) {
      if (first.isDone()) {
        throw new AssertionError("the first apply ended before it read anything: " + first.get().all());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the first apply did not start refreshing within 60 s");
      }
      Thread.sleep(20);
    }
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }
}
