package dev.pullplan.provider.kubernetes;

import dev.pullplan.diag.Position;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.model.Cluster;
import dev.pullplan.model.Stack;
import dev.pullplan.testing.TestRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A test run whose stack holds the given clusters. */
final class RecordingRun extends TestRun {

  RecordingRun(Path dir, Map<String, Cluster> clusters) {
    super(new Stack(dir, Map.of(), Map.of(), Optional.empty(), Map.of(), clusters, Map.of(), Map.of(),
        Map.of(), "test"), new HashMap<>());
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
}
