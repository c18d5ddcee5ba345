package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Optional;

/** A {@code cluster} block: how to reach a Kubernetes API, and the AKS cluster behind it if any. */
public record Cluster(
    String name,
    Optional<AzureResourceRef> aks,
    Optional<String> kubeconfig,
    Optional<String> context,
    Position origin) {

  public boolean isAks() {
    return aks.isPresent();
  }
}
