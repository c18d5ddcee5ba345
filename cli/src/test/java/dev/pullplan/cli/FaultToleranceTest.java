package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.cli.CliRun.Result;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.faults.FaultCounts;
import dev.pullplan.sandbox.faults.FaultInjector;
import dev.pullplan.sandbox.faults.FaultKind;
import dev.pullplan.sandbox.faults.FaultSpec;
import dev.pullplan.sandbox.faults.FaultTarget;
import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 2 of issue 13: the sandbox injects 429 (with and without Retry-After), 500, 503, dropped
 * connections and slow answers into every API — ARM, Graph, the token endpoint, the registry token
 * server and both clusters' API servers — and pullplan, run as the CLI in this JVM on
 * examples/quickstart, must converge at 20 %, and at 100 % fail within a bounded time naming the
 * call, with what did succeed in state. The sandbox counts each request's failed attempts in a
 * row, which bounds the retries.
 */
class FaultToleranceTest {
  /** The seeds of the 20 % runs: fixed, so a failure replays with -Dpullplan.faults.seeds=N. */
  private static final List<Long> SEEDS = seeds();
  /** At most this many failing answers in a row to one request: 1 + the retries of the most patient client. */
  private static final int ATTEMPTS_BOUND = 6;

  @TempDir Path tmp;
  private Sandbox sandbox;
  private Path stack;
  private Map<String, String> env;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(tmp.resolve("sandbox"));
    stack = Files.createDirectories(tmp.resolve("quickstart"));
    try (Stream<Path> files = Files.list(Schemas.repositoryRoot().resolve("examples/quickstart"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
        Files.copy(f, stack.resolve(f.getFileName()));
      }
    }
    env = new HashMap<>(sandbox.environment());
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static List<Long> seeds() {
    String given = System.getProperty("pullplan.faults.seeds", "20261201");
    return Stream.of(given.split(",")).map(String::trim).map(Long::parseLong).toList();
  }

  @Test
  void applyConvergesAtTwentyPercentFaultsAndTheNextPlanIsEmpty() {
    for (long seed : SEEDS) {
      FaultInjector faults = sandbox.injectFaults(FaultSpec.everywhere(0.2).withSeed(seed)
          .withDelay(Duration.ofMillis(300)));
      long started = System.nanoTime();

      Result apply = run("apply", "--auto-approve");
      Result plan = run("plan", "--detailed-exitcode");

      FaultCounts counts = faults.counts();
      System.out.printf("faults at 20%% (seed %d): apply exit %d, next plan exit %d in %d s; requests/faults %s;"
              + " %d injected (%d 429, %d 429-bare, %d 500, %d 503, %d reset, %d slow); longest run of failures"
              + " on one request: %d (%s)%n", seed, apply.exit(), plan.exit(), elapsed(started).toSeconds(),
          counts.summary(), counts.totalInjected(), counts.injected(FaultKind.THROTTLE),
          counts.injected(FaultKind.THROTTLE_BARE), counts.injected(FaultKind.SERVER_ERROR),
          counts.injected(FaultKind.UNAVAILABLE), counts.injected(FaultKind.RESET), counts.injected(FaultKind.SLOW),
          counts.longestFaultRun(), counts.longestFaultRunRequest());
      assertThat(apply.exit()).as("apply under 20%% faults, seed %d:%n%s", seed, apply.all()).isZero();
      assertThat(plan.exit()).as("the plan after it, still under faults, seed %d:%n%s", seed, plan.all()).isZero();
      assertThat(counts.totalInjected()).as("faults were injected").isPositive();
      assertThat(counts.requests().keySet()).as("every API was asked")
          .contains(FaultTarget.ARM, FaultTarget.GRAPH, FaultTarget.TOKEN, FaultTarget.KUBERNETES);
      assertThat(counts.longestFaultRun()).as("retries are bounded").isLessThanOrEqualTo(ATTEMPTS_BOUND);
      faults.stop();
      // nothing duplicated: one application and one token of pullplan's, beside the sandbox's own deployer
      assertThat(sandbox.azure().applications()).hasSize(2);
      assertThat(run("plan", "--detailed-exitcode").exit()).as("the plan without faults").isZero();
      assertThat(run("destroy", "--auto-approve").exit()).isZero();
    }
  }

  @Test
  void atHundredPercentOnTheClustersApplyFailsInBoundedTimeNamingTheCallWithAzureChangesInState() {
    Path planFile = stack.resolve("tonight.plan");
    assertThat(run("plan", "--out", planFile.toString()).exit()).isZero();
    FaultInjector faults = sandbox.injectFaults(FaultSpec.everywhere(1.0).withTargets(FaultTarget.KUBERNETES)
        .withKinds(FaultKind.THROTTLE, FaultKind.THROTTLE_BARE, FaultKind.SERVER_ERROR, FaultKind.UNAVAILABLE,
            FaultKind.RESET));
    long started = System.nanoTime();

    Result apply = run("apply", planFile.toString());

    Duration took = elapsed(started);
    FaultCounts counts = faults.counts();
    faults.stop();
    Result state = run("state", "list");
    System.out.printf("faults at 100%% on the clusters: apply exit %d in %d ms; %s; longest run of failures on one"
        + " request: %d (%s); state after it: %s%n", apply.exit(), took.toMillis(), counts.summary(),
        counts.longestFaultRun(), counts.longestFaultRunRequest(), state.out().strip().replace('\n', ' '));
    assertThat(apply.exit()).as(apply.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(took).as("fails within a bounded time").isLessThan(Duration.ofSeconds(90));
    assertThat(apply.err()).as("names the cluster and the call").containsPattern("cluster \"(dev|partner)\"")
        .containsPattern("(create|get|list|update|patch|delete) (secrets|serviceaccounts|namespaces)");
    assertThat(counts.longestFaultRun()).as("retries are bounded").isLessThanOrEqualTo(ATTEMPTS_BOUND);
    assertThat(state.out()).as("what succeeded in Azure is in state")
        .contains("access.team_apps.service_principal").contains("access.team_apps.role_assignment");
    assertThat(state.out()).doesNotContain("k8s_secret");
    Result next = run("apply", "--auto-approve");
    assertThat(next.exit()).as("the next apply, without faults, finishes the job:%n%s", next.all()).isZero();
    assertThat(run("plan", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void atHundredPercentOnArmGraphAndClustersApplyFailsInBoundedTimeNamingTheCall() {
    // the token endpoint is left out: during its outage the Azure identity library retries on its own,
    // once per waiting call (140 token requests in 143 s measured), which issue 13 item 11 is about
    FaultInjector faults = sandbox.injectFaults(FaultSpec.everywhere(1.0)
        .withTargets(FaultTarget.ARM, FaultTarget.GRAPH, FaultTarget.REGISTRY, FaultTarget.KUBERNETES)
        .withKinds(FaultKind.THROTTLE, FaultKind.UNAVAILABLE, FaultKind.RESET));
    long started = System.nanoTime();

    Result apply = run("apply", "--auto-approve");

    Duration took = elapsed(started);
    FaultCounts counts = faults.counts();
    System.out.printf("faults at 100%% on ARM, Graph, registry and clusters: apply exit %d in %d ms; %s; longest run of"
        + " failures on one request: %d (%s); error: %s%n", apply.exit(), took.toMillis(), counts.summary(),
        counts.longestFaultRun(), counts.longestFaultRunRequest(), apply.all().strip().replace("\n", " | "));
    assertThat(apply.exit()).as(apply.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(took).as("fails within a bounded time").isLessThan(Duration.ofSeconds(90));
    // each SDK call is tried 5 times, but every resource that needs the registry asks ARM for it
    // again after a failure (a failed read is not memoised): 22 failing GETs of the registry were
    // measured; the whole run stays within a few dozen requests
    assertThat(counts.totalRequests()).as("retries are bounded").isLessThanOrEqualTo(100);
    assertThat(apply.all()).as("names the call").containsPattern("(429|503|TooManyRequests|ServiceUnavailable)");
    assertThat(stack.resolve(Workspace.STATE_FILE)).as("nothing succeeded, so no state").satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(Files.readString(p)).doesNotContain("\"address\""));
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private Result run(String... args) {
    return CliRun.withDiscoveredProviders(stack, env).inStack(args);
  }

}
