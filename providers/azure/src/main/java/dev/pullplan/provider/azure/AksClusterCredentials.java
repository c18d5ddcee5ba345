package dev.pullplan.provider.azure;

import dev.pullplan.model.Cluster;
import dev.pullplan.spi.ClusterCredentials;
import java.util.Optional;
import java.util.function.Supplier;

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

  /** An Entra-only cluster's token expires within the hour: the client gets it afresh from here. */
  @Override
  public Optional<Supplier<String>> bearerToken(Cluster cluster) {
    if (kubeconfig(cluster).isEmpty() || !resources.entraOnly(cluster.aks().orElseThrow())) {
      return Optional.empty();
    }
    return Optional.of(resources.aksServerToken(cluster.aks().orElseThrow()));
  }
}
