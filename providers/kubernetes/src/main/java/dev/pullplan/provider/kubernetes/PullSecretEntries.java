package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ServiceAccount's {@code imagePullSecrets}, and which of them pullplan added (recorded in the
 * {@code pullplan.dev/pull-secrets} annotation). Adding and removing touch only pullplan's entry.
 * No API calls.
 */
record PullSecretEntries(List<String> listed, Set<String> addedByPullplan) {

  static PullSecretEntries of(ServiceAccount sa) {
    List<String> listed = sa.getImagePullSecrets() == null ? List.of()
        : sa.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
    Set<String> ours = new LinkedHashSet<>();
    Ownership.annotation(sa, Ownership.PULL_SECRETS).ifPresent(text -> Arrays.stream(text.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).forEach(ours::add));
    return new PullSecretEntries(listed, ours);
  }

  boolean lists(String secret) {
    return listed.contains(secret);
  }

  /** Entries someone else added: shown with the plan, never changed. */
  List<String> others() {
    return listed.stream().filter(s -> !addedByPullplan.contains(s)).toList();
  }

  /** The account with {@code secret} added, or empty when it is already listed (by anyone). */
  static Optional<ServiceAccount> withAdded(ServiceAccount sa, String secret) {
    PullSecretEntries entries = of(sa);
    if (entries.lists(secret)) {
      return Optional.empty();
    }
    List<String> listed = new ArrayList<>(entries.listed);
    listed.add(secret);
    Set<String> ours = new LinkedHashSet<>(entries.addedByPullplan);
    ours.add(secret);
    return Optional.of(rebuild(sa, listed, ours));
  }

  /** The account without {@code secret}, or empty when pullplan did not add it (or it is gone). */
  static Optional<ServiceAccount> withRemoved(ServiceAccount sa, String secret) {
    PullSecretEntries entries = of(sa);
    if (!entries.addedByPullplan.contains(secret)) {
      return Optional.empty();
    }
    List<String> listed = new ArrayList<>(entries.listed);
    listed.removeIf(secret::equals);
    Set<String> ours = new LinkedHashSet<>(entries.addedByPullplan);
    ours.remove(secret);
    return Optional.of(rebuild(sa, listed, ours));
  }

  private static ServiceAccount rebuild(ServiceAccount sa, List<String> listed, Set<String> ours) {
    ServiceAccountBuilder b = new ServiceAccountBuilder(sa)
        .withImagePullSecrets(listed.stream().map(LocalObjectReference::new).toList());
    return (ours.isEmpty()
        ? b.editMetadata().removeFromAnnotations(Ownership.PULL_SECRETS).endMetadata()
        : b.editMetadata().addToAnnotations(Ownership.PULL_SECRETS, String.join(",", ours)).endMetadata())
        .build();
  }
}
