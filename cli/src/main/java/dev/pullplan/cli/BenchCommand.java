package dev.pullplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullplan.PullplanException;
import dev.pullplan.apply.ApplyResult;
import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.model.Stack;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.PlanOptions;
import dev.pullplan.json.Json;
import dev.pullplan.run.Engine;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.azure.SandboxOptions;
import dev.pullplan.spi.HttpLog;
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
import java.util.function.Supplier;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure plan and apply against the local sandbox, for a fleet of clusters, namespaces and registries.",
        "Starts the sandbox with that fleet and a latency on every request of every API (Kubernetes, ARM,",
        "Graph, Entra, ACR), then runs, for each namespace count: first_plan, apply, noop_plan, drift_plan",
        "(after 1 %% of the Secrets were changed or deleted behind pullplan's back) and repair_apply.",
        "Prints per run the wall time, the calls the sandbox answered by API and verb, the round-trip lower",
        "bound, the ratio wall / bound and the peak heap (of this JVM, sandbox included).",
        "Figures depend on the machine; the calls of a no-op plan must not grow with namespaces."})
final class BenchCommand implements Callable<Integer> {
  @Mixin ColorOptions common;

  private final Console console;

  @Option(names = "--namespaces", split = ",", defaultValue = "2,50,200", paramLabel = "N[,N...]",
      description = "Namespaces per cluster; several values make a sweep, one fleet each (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--clusters", defaultValue = "1", paramLabel = "C",
      description = "Clusters in the fleet (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(names = "--registries", defaultValue = "0", paramLabel = "R",
      description = "ACR registries; each cluster gets one access per registry, with an ACR token."
          + " 0: one external registry and no Azure (default: ${DEFAULT-VALUE}).")
  int registries;

  @Option(names = "--latency", defaultValue = "0ms", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Added to every answer of every sandbox API, as a network's round trip (e.g. 25ms; default: ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(names = "--parallelism", defaultValue = "10", paramLabel = "N",
      description = "Reads and changes at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--plan-heap", paramLabel = "SIZE",
      description = "Also run the no-op plan as `pullplan plan` in a JVM of its own with this much heap at most"
          + " (java's -Xmx, e.g. 256m): run noop_plan_capped, whose peak heap is pullplan's alone.")
  Optional<String> planHeap;

  @Option(names = "--json", description = "Print the figures as JSON (runs[].name, calls.total, calls.by_api, wall_ms, bound_ms, peak_heap_bytes, ...).")
  boolean json;

  BenchCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    List<BenchRun> runs = new ArrayList<>();
    for (int n : sizes) {
      BenchFleet fleet = new BenchFleet(clusters, n, registries);
      try (ScratchDir scratch = ScratchDir.create("pullplan-bench-")) {
        runs.addAll(measure(fleet, scratch.path()));
      }
    }
    console.out().println(json ? json(runs) : table(runs));
    return ExitCodes.OK;
  }

  private List<BenchRun> measure(BenchFleet fleet, Path dir) throws IOException {
    try (Sandbox sandbox = Sandbox.start(dir.resolve("sandbox"), fleet.kubeSeed(), SandboxOptions.defaults(),
            fleet::azureSeed);
        HttpLog log = HttpLog.of(console.env(), false, console.err())) {
      Path stackDir = Files.createDirectories(dir.resolve("stack"));
      Files.writeString(stackDir.resolve("main.pullplan.hcl"), fleet.stack());
      Map<String, String> env = new HashMap<>(sandbox.environment());
      env.put(BenchFleet.TOKEN_VARIABLE, "bench-password");
      ProviderRegistry providers = console.providers().get();
      Stack stack = new ConfigLoader(providers).load(stackDir, new VariableInputs(List.of(), List.of(), env)).stack();
      // each run gets an engine of its own, as a new process would: nothing read or decoded before it
      // (the HTTP log is one, so that PULLPLAN_LOG_PATH is opened once and closed at the end)
      Supplier<Engine> engines = () -> new Engine(providers,
          new LocalStateBackend(stackDir.resolve(Workspace.STATE_FILE), Optional.empty(), warning -> {}),
          Clock.systemUTC(), env, line -> {}, log);
      PlanOptions options = new PlanOptions(PlanMode.NORMAL, List.of(), List.of(), parallelism);
      sandbox.kube().latency(latency);
      sandbox.azure().latency(latency);
      BenchMeter meter = new BenchMeter(sandbox, fleet, latency, parallelism);
      List<BenchRun> out = new ArrayList<>();
      Plan first = plan(meter, out, "first_plan", engines.get(), stack, options);
      apply(meter, out, "apply", engines.get(), stack, first);
      plan(meter, out, "noop_plan", engines.get(), stack, options);
      planHeap.ifPresent(heap -> meter.capped(out, "noop_plan_capped", () -> new CappedPlan(heap).run(stackDir, env)));
      int drifted = BenchDrift.changeOnePercent(sandbox.kube(), fleet);
      Plan drift = plan(meter, out, "drift_plan", engines.get(), stack, options);
      if (drifted > 0 && !drift.hasChanges()) {
        throw new PullplanException("the bench changed " + drifted + " Secrets, but the plan saw no change");
      }
      apply(meter, out, "repair_apply", engines.get(), stack, drift);
      return out;
    }
  }

  private static Plan plan(BenchMeter meter, List<BenchRun> out, String name, Engine engine, Stack stack,
      PlanOptions options) {
    return meter.plan(out, name, () -> engine.open(stack), run -> engine.plan(run, options));
  }

  private void apply(BenchMeter meter, List<BenchRun> out, String name, Engine engine, Stack stack, Plan plan) {
    meter.apply(out, name, plan, () -> engine.open(stack), run -> {
      ApplyResult result = engine.apply(run, plan, parallelism, Duration.ZERO, Optional.empty());
      if (!result.succeeded()) {
        throw new PullplanException("the bench apply failed: " + result.failures());
      }
      return plan;
    });
  }

  private String table(List<BenchRun> runs) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "fleet: %d cluster(s) x %d registr%s, latency %d ms, parallelism %d%n", clusters, registries,
        registries == 1 ? "y" : "ies", latency.toMillis(), parallelism));
    out.append(String.format(Locale.ROOT, "%-10s %-16s %9s %9s %7s %9s %8s %9s%n",
        "namespaces", "run", "wall", "bound", "ratio", "calls", "changes", "peak heap"));
    for (BenchRun r : runs) {
      out.append(String.format(Locale.ROOT, "%-10d %-16s %8.2fs %8.2fs %7s %9d %8d %7dMB%n",
          r.namespaces(), r.name(), r.wallMs() / 1000.0, r.boundMs() / 1000.0, r.ratioText(), r.totalCalls(),
          r.changes(), r.peakHeapBytes() / (1024 * 1024)));
      r.callsByVerb().forEach((what, n) -> out.append(String.format(Locale.ROOT, "%25s %-40s %6d%n", "", what, n)));
    }
    return out.toString().stripTrailing();
  }

  private String json(List<BenchRun> runs) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    ObjectNode fleet = doc.putObject("fleet");
    fleet.put("clusters", clusters);
    fleet.put("registries", registries);
    fleet.put("latency_ms", latency.toMillis());
    fleet.put("parallelism", parallelism);
    fleet.put("available_processors", Runtime.getRuntime().availableProcessors());
    fleet.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    ArrayNode list = doc.putArray("runs");
    for (BenchRun r : runs) {
      ObjectNode run = list.addObject();
      run.put("name", r.name());
      run.put("namespaces", r.namespaces());
      run.put("wall_ms", r.wallMs());
      run.put("bound_ms", r.boundMs());
      if (r.boundMs() > 0) {
        run.put("ratio", Math.round(100.0 * r.wallMs() / r.boundMs()) / 100.0);
      } else {
        run.putNull("ratio");
      }
      run.put("chain", r.chain());
      run.put("changes", r.changes());
      run.put("peak_heap_bytes", r.peakHeapBytes());
      ObjectNode calls = run.putObject("calls");
      calls.put("total", r.totalCalls());
      ObjectNode byApi = calls.putObject("by_api");
      r.callsByApi().forEach(byApi::put);
      ObjectNode byVerb = calls.putObject("by_verb");
      r.callsByVerb().forEach(byVerb::put);
      ObjectNode counted = run.putObject("counted_by_pullplan");
      new TreeMap<>(r.engineCalls()).forEach(counted::put);
    }
    return Json.write(doc);
  }
}
