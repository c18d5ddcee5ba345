package dev.pullplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullplan.cli.CliRun;
import dev.pullplan.cli.CliRun.Result;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.state.LocalStateBackend;
import dev.pullplan.state.State;
import dev.pullplan.state.StateCodec;
import dev.pullplan.testing.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 1 of issue 13: the built CLI ({@code dev.pullplan.cli.Main}) in a child JVM runs apply, a
 * rotation and a destroy of examples/quickstart (a service principal with its role assignment, an
 * ACR token with its scope map, an attach grant, Secrets and ServiceAccount entries on two
 * clusters) against one sandbox, and is SIGKILLed when the sandbox sees its k-th request. After
 * each kill: the state parses and validates against its schema; the next apply converges and the
 * plan after it is empty; the sandbox holds exactly what a clean apply makes, and no password that
 * state does not know.
 */
class CrashConsistencyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGISTRY = "pullplandemo";
  private static final List<String> ROTATE = List.of("apply", "--auto-approve",
      "--replace", "access.team_apps.service_principal", "--replace", "access.partner_edge.token");
  private static final List<String> APPLY = List.of("apply", "--auto-approve");
  private static final List<String> DESTROY = List.of("destroy", "--auto-approve");

  @TempDir Path tmp;
  private Sandbox sandbox;
  private Census census;
  private Path stack;
  private Map<String, String> env;
  private int childRuns;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(tmp.resolve("sandbox"));
    census = new Census(sandbox, REGISTRY);
    stack = Files.createDirectories(tmp.resolve("quickstart"));
    try (Stream<Path> files = Files.list(Schemas.repositoryRoot().resolve("examples/quickstart"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pullplan.hcl")).toList()) {
        Files.copy(f, stack.resolve(f.getFileName()));
      }
    }
    env = new HashMap<>(sandbox.environment());
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    sandbox.writeEnv(tmp.resolve("sandbox.env"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private enum Phase { APPLY, ROTATE, DESTROY }

  private record KillPoint(Phase phase, int k) {
    @Override
    public String toString() {
      return phase.name().toLowerCase(java.util.Locale.ROOT) + " k=" + k;
    }
  }

  @Test
  void everyKillPointLeavesAValidStateAndTheNextApplyConvergesWithNothingOrphanedOrLeftLive() throws Exception {
    long started = System.nanoTime();
    List<String> empty = census.shape();

    // calibration: each command once in a child, not killed, counting the requests it makes
    int applyRequests = childCounting(APPLY);
    List<String> applied = census.shape();
    List<String> made = new ArrayList<>(applied);
    empty.forEach(made::remove);
    // the census sees every kind of object the suite is about, or its comparisons would prove nothing
    assertThat(made).as("what a clean apply makes")
        .anyMatch(l -> l.startsWith("application ")).anyMatch(l -> l.startsWith("service principal "))
        .anyMatch(l -> l.startsWith("role assignment AcrPull")).anyMatch(l -> l.startsWith("acr token "))
        .anyMatch(l -> l.startsWith("scope map ")).anyMatch(l -> l.startsWith("secret aks-dev/apps/"))
        .anyMatch(l -> l.startsWith("secret aks-dev/jobs/")).anyMatch(l -> l.startsWith("secret partner/edge/"))
        .anyMatch(l -> l.startsWith("service account aks-dev/apps/") && !l.endsWith("[]"));
    System.out.printf("crash consistency: a clean apply makes %d objects: %s%n", made.size(), made);
    assertThat(census.unknownPasswords(stateJson())).isEmpty();
    // rotation and destroy in this JVM, counted the same way (each run signs in anew, as a child does)
    int rotateRequests = counting(ROTATE);
    assertThat(census.shape()).isEqualTo(applied);
    assertThat(census.unknownPasswords(stateJson())).isEmpty();
    int destroyRequests = counting(DESTROY);
    assertThat(census.shape()).as("destroy leaves the world as it was").isEqualTo(empty);
    System.out.printf("crash consistency: requests the sandbox saw: apply %d, rotation %d, destroy %d%n",
        applyRequests, rotateRequests, destroyRequests);

    List<KillPoint> points = new ArrayList<>();
    spread(Phase.APPLY, applyRequests, Integer.getInteger("pullplan.crash.apply", 12), points);
    spread(Phase.ROTATE, rotateRequests, Integer.getInteger("pullplan.crash.rotate", 4), points);
    spread(Phase.DESTROY, destroyRequests, Integer.getInteger("pullplan.crash.destroy", 4), points);

    List<String> failures = new ArrayList<>();
    int survived = 0;
    for (KillPoint point : points) {
      List<String> problems = killAndRecover(point, empty, applied);
      System.out.printf("crash consistency: %s: %s%n", point, problems.isEmpty() ? "survived" : String.join("; ", problems));
      if (problems.isEmpty()) {
        survived++;
      } else {
        failures.add(point + ": " + String.join("; ", problems));
        resetToEmpty(empty);
      }
    }
    if (!census.shape().equals(empty)) {
      run(DESTROY);
    }
    System.out.printf("crash consistency: %d of %d kill points survived (%d child JVMs, %d s)%n", survived,
        points.size(), childRuns, (System.nanoTime() - started) / 1_000_000_000L);
    assertThat(failures).as("kill points that did not survive").isEmpty();
  }

  /** {@code n} kill points spread evenly over the {@code requests} of a phase (never the last, which may not come). */
  private static void spread(Phase phase, int requests, int n, List<KillPoint> into) {
    int last = Math.max(1, requests - 1);
    java.util.Set<Integer> ks = new java.util.TreeSet<>();
    for (int i = 0; i < n; i++) {
      ks.add(1 + (int) Math.round((double) i * (last - 1) / Math.max(1, n - 1)));
    }
    ks.forEach(k -> into.add(new KillPoint(phase, k)));
  }

  /** One kill point: the world as the phase needs it, the killed child, then every check. */
  private List<String> killAndRecover(KillPoint point, List<String> empty, List<String> applied) throws Exception {
    List<String> problems = new ArrayList<>();
    boolean worldApplied = census.shape().equals(applied);
    if (point.phase == Phase.APPLY && !worldApplied) {
      // the world is empty: the apply kill points start from nothing
    } else if (point.phase == Phase.APPLY) {
      Result destroy = run(DESTROY);
      if (destroy.exit() != 0) {
        return List.of("setup destroy failed: " + brief(destroy));
      }
    } else if (!worldApplied) {
      Result apply = run(APPLY);
      if (apply.exit() != 0) {
        return List.of("setup apply failed: " + brief(apply));
      }
    }
    List<String> args = switch (point.phase) {
      case APPLY -> APPLY;
      case ROTATE -> ROTATE;
      case DESTROY -> DESTROY;
    };
    long t0 = System.nanoTime();
    ChildOutcome child = childKilledAt(args, point.k, point.phase.name().toLowerCase(java.util.Locale.ROOT));
    long t1 = System.nanoTime();
    if (!child.killed) {
      problems.add("not killed: the child exited " + child.exit + " after " + child.requests + " requests");
    }

    problems.addAll(stateProblems());
    Result apply = run(APPLY);
    if (apply.exit() != 0) {
      problems.add("the next apply failed (exit " + apply.exit() + "): " + brief(apply));
      return problems;
    }
    long t2 = System.nanoTime();
    Result plan = run(List.of("plan", "--detailed-exitcode"));
    System.out.printf("crash consistency: %s: child %d ms, next apply %d ms, plan %d ms%n", point,
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    if (plan.exit() != 0) {
      problems.add("the plan after it is not empty (exit " + plan.exit() + "): " + brief(plan));
    }
    problems.addAll(Census.difference("after the next apply", applied, census.shape()));
    problems.addAll(census.unknownPasswords(stateJson()));
    return problems;
  }

  /** After a failed kill point: destroy until the world is empty again, so the next point starts clean. */
  private void resetToEmpty(List<String> empty) {
    for (int attempt = 0; attempt < 2 && !census.shape().equals(empty); attempt++) {
      run(DESTROY);
    }
  }

  /** The state as a killed run left it: the file validates, and so does what reading it (replaying the journal) gives. */
  private List<String> stateProblems() {
    List<String> problems = new ArrayList<>();
    Path file = stack.resolve("pullplan.state.json");
    if (!Files.exists(file)) {
      return problems;
    }
    try {
      var onDisk = Schemas.validate("state.schema.json", Files.readString(file));
      if (!onDisk.isEmpty()) {
        problems.add("state file does not validate: " + onDisk);
      }
      Optional<State> read = new LocalStateBackend(file, Optional.empty(), w -> {}).read();
      if (read.isPresent()) {
        String replayed = new String(new StateCodec(Optional.empty()).encode(read.get()), StandardCharsets.UTF_8);
        var messages = Schemas.validate("state.schema.json", replayed);
        if (!messages.isEmpty()) {
          problems.add("state read with its journal does not validate: " + messages);
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add("state does not parse: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return problems;
  }

  private JsonNode stateJson() throws IOException {
    Path file = stack.resolve("pullplan.state.json");
    Optional<State> read = new LocalStateBackend(file, Optional.empty(), w -> {}).read();
    return read.isEmpty() ? JSON.createObjectNode()
        : JSON.readTree(new StateCodec(Optional.empty()).encode(read.get()));
  }

  private record ChildOutcome(boolean killed, int exit, int requests) {}

  /** Runs the CLI in a child JVM to its end, counting the sandbox requests it made; it must succeed. */
  private int childCounting(List<String> args) throws Exception {
    sandbox.faultInjector().countRequests();
    Process process = startChild(args, "calibration-" + args.get(0));
    long t0 = System.nanoTime();
    int exit = waitFor(process);
    System.out.printf("crash consistency: calibration %s took %d ms%n", args, (System.nanoTime() - t0) / 1_000_000);
    int requests = sandbox.faultInjector().requestsSeen();
    sandbox.faultInjector().clearTripwire();
    assertThat(exit).as("%s in a child JVM, not killed:%n%s", args, childLog("calibration-" + args.get(0))).isZero();
    return requests;
  }

  /** Runs the CLI in this JVM to its end, counting the sandbox requests it made; it must succeed. */
  private int counting(List<String> args) {
    sandbox.faultInjector().countRequests();
    long t0 = System.nanoTime();
    Result run = run(args);
    System.out.printf("crash consistency: calibration %s took %d ms%n", args, (System.nanoTime() - t0) / 1_000_000);
    int requests = sandbox.faultInjector().requestsSeen();
    sandbox.faultInjector().clearTripwire();
    assertThat(run.exit()).as("%s in this JVM:%n%s", args, brief(run)).isZero();
    return requests;
  }

  /** Runs the CLI in a child JVM that the sandbox kills (SIGKILL) at its k-th request. */
  private ChildOutcome childKilledAt(List<String> args, int k, String phase) throws Exception {
    AtomicReference<Process> child = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
    sandbox.faultInjector().tripAt(k, () -> {
      // on the sandbox's thread, before request k is served and while the others wait: the child
      // dies with request k in flight, which the sandbox then serves to nobody
      Process p = child.get();
      if (p != null) {
        killed.set(true);
        p.destroyForcibly();
        try {
          p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    try {
      child.set(startChild(args, "kill-" + phase + "-" + k));
      int exit = waitFor(child.get());
      return new ChildOutcome(killed.get(), exit, sandbox.faultInjector().requestsSeen());
    } finally {
      sandbox.faultInjector().clearTripwire();
    }
  }

  // no AppCDS archive: the JVM archives no class from a directory, and the test classpath is mostly directories
  private Process startChild(List<String> args, String name) throws IOException {
    childRuns++;
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "dev.pullplan.cli.Main"));
    command.addAll(args);
    command.addAll(List.of("--chdir", stack.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + ".log").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private String childLog(String name) throws IOException {
    return Files.readString(tmp.resolve(name + ".log"));
  }

  private static int waitFor(Process process) throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("the child JVM did not finish within 120 s");
    }
    return process.exitValue();
  }

  /** The last lines, enough to name what failed. */
  private static String brief(Result run) {
    List<String> lines = run.all().strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
  }

  /** The CLI in this JVM: the recovery runs, which must not be killed. */
  private Result run(List<String> args) {
    return CliRun.withDiscoveredProviders(stack, env).inStack(args.toArray(String[]::new));
  }
}
