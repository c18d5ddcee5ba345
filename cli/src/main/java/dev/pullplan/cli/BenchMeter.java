package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.context.Run;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.sandbox.Sandbox;
import dev.pullplan.sandbox.azure.RecordedRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Times one benchmark run and counts what the sandbox answered during it. */
final class BenchMeter {
  private final Sandbox sandbox;
  private final BenchFleet fleet;
  private final Duration latency;
  private final int parallelism;

  BenchMeter(Sandbox sandbox, BenchFleet fleet, Duration latency, int parallelism) {
    this.sandbox = sandbox;
    this.fleet = fleet;
    this.latency = latency;
    this.parallelism = Math.max(1, parallelism);
  }

  /**
   * A plan's chain: per cluster, namespaces listed before the objects in them; with Azure, the
   * login before the registry is found and its tokens listed.
   */
  Plan plan(List<BenchRun> out, String name, Supplier<Run> open, Function<Run, Plan> step) {
    return measure(out, name, open, step, plan -> fleet.registries() > 0 ? 3 : 2);
  }

  /** An apply's chain: two round trips (a guarding read, the write) per level of the changes' dependencies. */
  Plan apply(List<BenchRun> out, String name, Plan plan, Supplier<Run> open, Function<Run, Plan> step) {
    return measure(out, name, open, step, applied -> 2 * levels(plan.effectiveChanges()));
  }

  /**
   * A no-op plan by {@code pullplan plan} in a JVM of its own with a capped heap ({@link CappedPlan}):
   * its peak heap is pullplan's alone. A plan that fails or finds changes fails the bench.
   */
  void capped(List<BenchRun> out, String name, Supplier<CappedPlan.Result> child) {
    long start = startWindow();
    CappedPlan.Result result = child.get();
    if (result.exitCode() != 0) {
      throw new PullplanException("the capped plan " + (result.exitCode() == 2 ? "found changes" : "failed")
          + " (exit " + result.exitCode() + "):\n" + result.output().strip());
    }
    out.add(counted(name, start, fleet.registries() > 0 ? 3 : 2, 0, result.peakHeapBytes(), Map.of()));
  }

  private Plan measure(List<BenchRun> out, String name, Supplier<Run> open, Function<Run, Plan> step,
      Function<Plan, Integer> chainOf) {
    long start = startWindow();
    Plan plan;
    Map<String, Long> engineCalls;
    try (Run run = open.get()) {
      plan = step.apply(run);
      engineCalls = run.apiCalls();
    }
    long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    out.add(counted(name, start, chainOf.apply(plan), plan.effectiveChanges().size(), peak, engineCalls));
    return plan;
  }

  /**
   * Starts a measured window: the garbage of earlier runs collected, then the heap's peak and the
   * sandbox's counters from zero.
   */
  private long startWindow() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    sandbox.kube().clearCalls();
    sandbox.azure().clearRequests();
    return System.nanoTime();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private BenchRun counted(String name, long start, int chain, int changes, long peak, Map<String, Long> engineCalls) {
    long wallMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    Map<String, Long> byVerb = new TreeMap<>();
    sandbox.kube().calls().forEach((what, n) -> byVerb.merge("kubernetes " + what, n, Long::sum));
    for (RecordedRequest r : sandbox.azure().requests()) {
      byVerb.merge(api(r) + " " + r.method() + " " + kind(r.path()), 1L, Long::sum);
    }
    Map<String, Long> byApi = new TreeMap<>();
    byVerb.forEach((what, n) -> byApi.merge(what.substring(0, what.indexOf(' ')), n, Long::sum));
    long total = byApi.values().stream().mapToLong(Long::longValue).sum();
    long rounds = Math.max(chain, (total + parallelism - 1) / parallelism);
    return new BenchRun(name, fleet.namespaces(), wallMs, latency.toMillis() * rounds, chain, changes, peak,
        byApi, byVerb, engineCalls);
  }

  private static String api(RecordedRequest r) {
    return r.api().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind of object a path names: the last collection in it ({@code tokens} of
   * {@code …/registries/r/tokens/t}), so calls group by what they touch and not by which object.
   */
  static String kind(String path) {
    String[] segments = path.replaceAll("^/+", "").split("/");
    Set<String> collections = Set.of("registries", "tokens", "scopeMaps", "roleAssignments", "roleDefinitions",
        "managedClusters", "applications", "servicePrincipals", "resourceGroups", "subscriptions", "token",
        "oauth2", "users", "directoryObjects", "listCredentials", "generateCredentials", "addPassword",
        "removePassword", "listClusterUserCredential", "listClusterAdminCredential", "operations", "v2.0");
    for (int i = segments.length - 1; i >= 0; i--) {
      if (collections.contains(segments[i])) {
        return i == segments.length - 1 ? segments[i] : segments[i] + "/{name}";
      }
    }
    return segments.length == 0 ? "/" : segments[segments.length - 1];
  }

  /** The longest path through the changes' dependencies, counted in changes. */
  static int levels(List<Change> changes) {
    Map<Address, Change> byAddress = changes.stream().collect(Collectors.toMap(Change::address, c -> c, (a, b) -> a));
    Map<Address, Integer> depth = new HashMap<>();
    int deepest = 0;
    for (Change c : changes) {
      deepest = Math.max(deepest, depth(c.address(), byAddress, depth));
    }
    return deepest;
  }

  private static int depth(Address a, Map<Address, Change> changes, Map<Address, Integer> memo) {
    Integer known = memo.get(a);
    if (known != null) {
      return known;
    }
    Change c = changes.get(a);
    int d = 1;
    if (c != null && c.desired().isPresent()) {
      for (Address dep : c.desired().get().dependsOn()) {
        if (changes.containsKey(dep)) {
          d = Math.max(d, 1 + depth(dep, changes, memo));
        }
      }
    }
    memo.put(a, d);
    return d;
  }
}
