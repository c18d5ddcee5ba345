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
}
