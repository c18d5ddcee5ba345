package dev.pullplan.provider.kubernetes;

import dev.pullplan.config.Suggestions;
import java.util.List;
import java.util.Optional;

/**
 * A namespace the config puts objects in that neither exists nor is declared with
 * {@code create = true}: a real API server answers 404 to every write there, and a ServiceAccount
 * never appears, so it is a plan error (most often a typo) rather than a create that fails.
 */
final class MissingNamespace {
  private static final int LISTED = 5;

  private MissingNamespace() {}

  /**
   * Why objects cannot be planned in {@code namespace}, or empty when it exists, is declared to be
   * created, or the user may not list namespaces (then nothing can be told).
   */
  static Optional<String> problem(Clusters clusters, String cluster, String namespace) {
    if (clusters.createsNamespace(cluster, namespace)) {
      return Optional.empty();
    }
    List<String> existing;
    try {
      existing = clusters.snapshot(cluster).namespaces().stream().map(n -> n.getMetadata().getName()).sorted().toList();
    } catch (KubernetesApiException e) {
      if (e.isForbidden()) {
        return Optional.empty();
      }
      throw e;
    }
    if (existing.contains(namespace)) {
      return Optional.empty();
    }
    String nearby = Suggestions.closest(namespace, existing).map(n -> "did you mean " + n + "?")
        .orElseGet(() -> "it has " + String.join(", ", existing.stream().filter(n -> !n.startsWith("kube-"))
            .limit(LISTED).toList()) + (existing.size() > LISTED ? ", ..." : ""));
    return Optional.of("namespace " + namespace + " does not exist in cluster \"" + cluster + "\" (" + nearby
        + "); fix the name, or declare it in a namespace block with create = true to have pullplan create it");
  }
}
