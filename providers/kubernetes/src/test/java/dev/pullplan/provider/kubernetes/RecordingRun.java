package dev.pullplan.provider.kubernetes;

import dev.pullplan.diag.Position;
import dev.pullplan.model.Access;
import dev.pullplan.model.AccessMode;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.model.Cluster;
import dev.pullplan.model.Credential;
import dev.pullplan.model.CredentialType;
import dev.pullplan.model.Stack;
import dev.pullplan.testing.TestRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test run whose stack holds the given clusters (and, when asked, access blocks). */
final class RecordingRun extends TestRun {

  RecordingRun(Path dir, Map<String, Cluster> clusters) {
    super(new Stack(dir, Map.of(), Map.of(), Optional.empty(), Map.of(), clusters, Map.of(), Map.of(),
        Map.of(), "test"), new HashMap<>());
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
}
