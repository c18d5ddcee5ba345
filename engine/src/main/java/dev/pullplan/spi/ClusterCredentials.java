package dev.pullplan.spi;

import dev.pullplan.model.Cluster;
import java.util.Optional;

/**
 * Kubernetes credentials for a cluster that has no kubeconfig in the config: an AKS cluster's
 * user credential from ARM. Held in memory only.
 */
public interface ClusterCredentials {

  /** The kubeconfig YAML for the cluster, or empty when this source cannot provide one. */
  Optional<String> kubeconfig(Cluster cluster);

  /**
   * For a cluster whose kubeconfig carries a bearer token that expires (an Entra ID token), where to
   * get the current one: the Kubernetes client asks before each request instead of holding on to the
   * token in the kubeconfig. Empty when the kubeconfig's own credentials last.
   */
  default Optional<java.util.function.Supplier<String>> bearerToken(Cluster cluster) {
    return Optional.empty();
  }
}
