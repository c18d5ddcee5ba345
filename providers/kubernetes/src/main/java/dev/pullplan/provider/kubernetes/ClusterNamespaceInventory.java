package dev.pullplan.provider.kubernetes;

import dev.pullplan.model.Cluster;
import dev.pullplan.spi.NamespaceInventory;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code namespace_selector}: the cluster's namespaces from the run's one LIST, matched here
 * (equality selectors only, which is all the config offers); terminating namespaces do not match.
 */
final class ClusterNamespaceInventory implements NamespaceInventory {
  private final Clusters clusters;

  ClusterNamespaceInventory(Clusters clusters) {
    this.clusters = clusters;
  }

  @Override
  public Set<String> namespacesMatching(Cluster cluster, Map<String, String> labels) {
    Set<String> names = new TreeSet<>();
    clusters.learn(cluster);
    for (Namespace ns : clusters.snapshot(cluster.name()).namespaces()) {
      Map<String, String> has = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
      boolean terminating = ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase());
      if (!terminating && has.entrySet().containsAll(labels.entrySet())) {
        names.add(ns.getMetadata().getName());
      }
    }
    return names;
  }
}
