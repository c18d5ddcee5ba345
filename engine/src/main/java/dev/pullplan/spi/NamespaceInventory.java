package dev.pullplan.spi;

import dev.pullplan.model.Cluster;
import java.util.Map;
import java.util.Set;

/** Answers which namespaces of a cluster carry given labels: {@code namespace_selector}. */
public interface NamespaceInventory {

  /** @throws dev.pullplan.PullplanException when the cluster cannot be read */
  Set<String> namespacesMatching(Cluster cluster, Map<String, String> labels);
}
