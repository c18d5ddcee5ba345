package dev.pullplan.provider.azure;

import dev.pullplan.model.Cluster;
import dev.pullplan.spi.ClusterCredentials;
import java.util.Optional;

/**
 * Kubernetes credentials for an AKS cluster whose block gives neither a kubeconfig nor a context:
 * the cluster user credential from ARM, as {@code az aks get-credentials} fetches it, kept in
 * memory only.
 */
final class AksClusterCredentials implements ClusterCredentials {
  private final AzureResources resources;

  AksClusterCredentials(AzureResources resources) {
    this.resources = resources;
  }

  @Override
  public Optional<String> kubeconfig(Cluster cluster) {
    if (!cluster.isAks() || cluster.kubeconfig().isPresent() || cluster.context().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(resources.kubeconfig(cluster.aks().orElseThrow()));
  }
}
