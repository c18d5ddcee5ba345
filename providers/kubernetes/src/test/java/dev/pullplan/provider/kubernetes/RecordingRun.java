package dev.pullplan.provider.kubernetes;

import dev.pullplan.diag.Position;
import dev.pullplan.model.Access;
import dev.pullplan.model.AccessMode;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.model.Cluster;
import dev.pullplan.model.Credential;
import dev.pullplan.model.CredentialType;
import dev.pullplan.model.Stack;
import dev.pullplan.spi.RunContext;
import dev.pullplan.spi.RunOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A run for tests: a stack with the given clusters, recorded warnings, progress and API calls. */
final class RecordingRun implements RunContext {
  final List<String> warnings = new CopyOnWriteArrayList<>();
  final List<String> progress = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final Map<String, String> environment = new HashMap<>();
  final Map<Class<?>, Object> services = new HashMap<>();
  RunOptions options = RunOptions.DEFAULTS;
  private Stack stack;

  RecordingRun(Path dir, Map<String, Cluster> clusters) {
    this.stack = new Stack(dir, Map.of(), Map.of(), Optional.empty(), Map.of(), clusters, Map.of(), Map.of(),
        Map.of(), "test");
  }

  /** Adds an access block of that mode (the handlers look only at its name and mode). */
  RecordingRun withAccess(String name, String cluster, AccessMode mode) {
    Map<String, Access> accesses = new LinkedHashMap<>(stack.accesses());
    accesses.put(name, new Access(name, "ghcr", cluster, mode, List.of(), Map.of(), List.of("default"), "pull",
        Optional.empty(), Credential.defaultFor(CredentialType.EXTERNAL), Position.unknown("test.pullplan.hcl")));
    stack = new Stack(stack.dir(), Map.of(), Map.of(), Optional.empty(), Map.of(), stack.clusters(), Map.of(),
        accesses, Map.of(), "test");
    return this;
  }

  /** Clusters named after the contexts of one kubeconfig file. */
  static RecordingRun withContexts(Path dir, Path kubeconfig, String... contexts) {
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    for (String c : contexts) {
      clusters.put(c, cluster(c, Optional.of(kubeconfig.toString()), Optional.of(c)));
    }
    return new RecordingRun(dir, clusters);
  }

  static Cluster cluster(String name, Optional<String> kubeconfig, Optional<String> context) {
    return new Cluster(name, Optional.empty(), kubeconfig, context, Position.unknown("test.pullplan.hcl"));
  }

  static Cluster aksCluster(String name) {
    return new Cluster(name, Optional.of(new AzureResourceRef(name, "rg", Optional.empty())), Optional.empty(),
        Optional.empty(), Position.unknown("test.pullplan.hcl"));
  }

  int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int calls(String call) {
    return calls.getOrDefault(call, new AtomicInteger()).get();
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public Stack stack() {
    return stack;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public void progress(String line) {
    progress.add(line);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void countCall(String provider, String call) {
    calls.computeIfAbsent(provider + ": " + call, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return Optional.ofNullable(services.get(type)).map(type::cast);
  }
}
