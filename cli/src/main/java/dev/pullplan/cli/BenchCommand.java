package dev.pullplan.cli;

import dev.pullplan.apply.ApplyResult;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.run.Engine;
import dev.pullplan.context.Run;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.state.LocalStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure plan and apply against the local sandbox as the number of namespaces grows.",
        "Prints wall time and API calls of a first plan, the apply, and a plan with nothing to do.",
        "Figures depend on the machine; the API-call counts of a plan should not grow with namespaces."})
final class BenchCommand implements Callable<Integer> {
  @Mixin ColorOptions common;

  private static final String STACK = """
      registry "ghcr" {
        server = "ghcr.io"
      }

      cluster "partner" {
        context = "partner"
      }

      access "bench" {
        registry           = registry.ghcr
        cluster            = cluster.partner
        mode               = "service_account"
        namespace_selector = { bench = "yes" }
        credential {
          type         = "external"
          username     = "bench"
          password_env = "BENCH_TOKEN"
        }
      }
      """;

  private final Console console;

  @Option(names = "--namespaces", split = ",", defaultValue = "2,50,200", paramLabel = "N[,N...]",
      description = "Namespace counts to measure (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--parallelism", defaultValue = "10", paramLabel = "N",
      description = "Reads and changes at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  BenchCommand(Console console) {
    this.console = console;
  }

  /** One measured step. */
  record Figure(int namespaces, String step, Duration time, long apiCalls, int changes) {}

  @Override
  public Integer call() throws IOException {
    List<Figure> figures = new ArrayList<>();
    for (int n : sizes) {
      figures.addAll(measure(n));
    }
    console.out().println(String.format(Locale.ROOT, "%-11s %-22s %9s %10s %8s", "namespaces", "step", "time", "api calls", "changes"));
    for (Figure f : figures) {
      console.out().println(String.format(Locale.ROOT, "%-11d %-22s %8.2fs %10d %8d",
          f.namespaces(), f.step(), f.time().toMillis() / 1000.0, f.apiCalls(), f.changes()));
    }
    return ExitCodes.OK;
  }

  private List<Figure> measure(int namespaces) throws IOException {
    try (ScratchDir scratch = ScratchDir.create("pullplan-bench-")) {
      return measure(namespaces, scratch.path());
    }
  }

  private List<Figure> measure(int namespaces, Path dir) throws IOException {
    List<KubeSeed.SeedNamespace> seeded = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      seeded.add(new KubeSeed.SeedNamespace("partner", "bench-" + i, Map.of("bench", "yes")));
    }
    seeded.add(new KubeSeed.SeedNamespace("aks-dev", "apps", Map.of()));
    try (Sandbox sandbox = Sandbox.start(dir.resolve("sandbox"), new KubeSeed(seeded, List.of(), List.of()))) {
      Path stackDir = Files.createDirectories(dir.resolve("stack"));
      Files.writeString(stackDir.resolve("main.pullplan.hcl"), STACK);
      Map<String, String> env = new HashMap<>(sandbox.environment());
      env.put("BENCH_TOKEN", "bench-password");
      Stack stack = new ConfigLoader().load(stackDir, new VariableInputs(List.of(), List.of(), env)).stack();
      Engine engine = new Engine(console.providers().get(),
          new LocalStateBackend(stackDir.resolve(Workspace.STATE_FILE), Optional.empty(), warning -> {}),
          Clock.systemUTC(), env, line -> {});
      PlanOptions options = new PlanOptions(PlanMode.NORMAL, List.of(), List.of(), parallelism);
      List<Figure> out = new ArrayList<>();
      Plan first = timed(out, namespaces, "first plan", engine, stack, run -> engine.plan(run, options));
      timed(out, namespaces, "apply", engine, stack, run -> {
        ApplyResult result = engine.apply(run, first, parallelism, Duration.ZERO, Optional.empty());
        if (!result.succeeded()) {
          throw new dev.pullplan.PullplanException("the bench apply failed: " + result.failures());
        }
        return first;
      });
      timed(out, namespaces, "plan, nothing to do", engine, stack, run -> engine.plan(run, options));
      return out;
    }
  }

  private interface Step {
    Plan run(Run run);
  }

  private static Plan timed(List<Figure> out, int namespaces, String name, Engine engine, Stack stack, Step step) {
    long start = System.nanoTime();
    try (Run run = engine.open(stack)) {
      Plan plan = step.run(run);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      out.add(new Figure(namespaces, name, took, run.totalApiCalls(), plan.effectiveChanges().size()));
      return plan;
    }
  }
}
