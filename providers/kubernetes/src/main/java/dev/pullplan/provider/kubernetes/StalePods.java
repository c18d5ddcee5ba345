package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pods that run as a ServiceAccount but were admitted before it listed the pull secret: admission
 * copies {@code imagePullSecrets} into a pod once, so these stay in ImagePullBackOff until their
 * owner makes new pods.
 */
final class StalePods {
  private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff");

  private StalePods() {}

  /** A pod that fails to pull, and why ({@code ImagePullBackOff}). */
  record Stale(Pod pod, String reason) {}

  /** Such pods among {@code pods} (those of the account's namespace). */
  static List<Stale> find(List<Pod> pods, String serviceAccount, String secret) {
    return pods.stream()
        .filter(p -> serviceAccount.equals(serviceAccountOf(p)))
        .filter(p -> !references(p, secret))
        .flatMap(p -> pullFailure(p).map(reason -> new Stale(p, reason)).stream())
        .toList();
  }

  private static String serviceAccountOf(Pod p) {
    String sa = p.getSpec() == null ? null : p.getSpec().getServiceAccountName();
    return sa == null || sa.isEmpty() ? "default" : sa;
  }

  private static boolean references(Pod p, String secret) {
    List<LocalObjectReference> refs = p.getSpec() == null ? null : p.getSpec().getImagePullSecrets();
    return refs != null && refs.stream().anyMatch(r -> secret.equals(r.getName()));
  }

  private static Optional<String> pullFailure(Pod p) {
    if (p.getStatus() == null) {
      return Optional.empty();
    }
    return Stream.concat(stream(p.getStatus().getInitContainerStatuses()), stream(p.getStatus().getContainerStatuses()))
        .map(s -> s.getState() == null || s.getState().getWaiting() == null ? null : s.getState().getWaiting().getReason())
        .filter(PULL_FAILURES::contains)
        .findFirst();
  }

  private static Stream<ContainerStatus> stream(List<ContainerStatus> statuses) {
    return statuses == null ? Stream.empty() : statuses.stream();
  }

  /** One warning per such pod, naming its owner. */
  static String warning(ClusterConnection c, Stale stale, String serviceAccount, String secret) {
    Pod p = stale.pod();
    String reason = stale.reason();
    List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
    String owner = owners == null || owners.isEmpty() ? "no owner: delete and recreate it"
        : "owner " + owners.get(0).getKind() + "/" + owners.get(0).getName()
            + ": restart it (kubectl rollout restart, or pullplan apply --restart-stale) so new pods get the secret";
    return "pod " + ObjectKey.of(p) + " in cluster \"" + c.cluster() + "\" runs as serviceaccount " + serviceAccount
        + " but was admitted before it listed " + secret + " and is in " + reason + " (" + owner + ")";
  }
}
