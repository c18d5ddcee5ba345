package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * In {@code pull_secret} mode a workload gets the secret only if its pod template names it (or
 * its ServiceAccount lists it). Finds workloads in managed namespaces that pull from the secret's
 * registry without either: they would fail with ImagePullBackOff. One LIST per kind per cluster.
 */
final class WorkloadAudit {

  /** A secret pullplan manages in {@code pull_secret} mode. */
  record SecretUse(String namespace, String secret, String server) {}

  private record Workload(String kind, String namespace, String name, PodSpec spec) {}

  private WorkloadAudit() {}

  static List<String> warnings(ClusterConnection c, ClusterSnapshot snapshot, Collection<SecretUse> uses) {
    Map<String, List<SecretUse>> byNamespace = uses.stream().collect(Collectors.groupingBy(SecretUse::namespace));
    List<String> warnings = new ArrayList<>();
    for (Workload w : workloads(c)) {
      for (SecretUse use : byNamespace.getOrDefault(w.namespace(), List.of())) {
        Optional<String> image = imageFrom(w.spec(), use.server());
        if (image.isPresent() && !references(w.spec(), use.secret())
            && !serviceAccountLists(snapshot, w, use.secret())) {
          warnings.add(w.kind() + " " + w.namespace() + "/" + w.name() + " in cluster \"" + c.cluster() + "\" pulls "
              + image.get() + " but references neither secret " + use.secret()
              + " nor a serviceaccount that lists it: add it to the pod template's imagePullSecrets, or use"
              + " mode = \"service_account\"");
        }
      }
    }
    return warnings;
  }

  private static List<Workload> workloads(ClusterConnection c) {
    List<Workload> all = new ArrayList<>();
    all.addAll(list(c, "deployments", () -> c.client().apps().deployments().inAnyNamespace().list().getItems(),
        d -> workload("deployment", d, d.getSpec().getTemplate().getSpec())));
    all.addAll(list(c, "statefulsets", () -> c.client().apps().statefulSets().inAnyNamespace().list().getItems(),
        s -> workload("statefulset", s, s.getSpec().getTemplate().getSpec())));
    all.addAll(list(c, "daemonsets", () -> c.client().apps().daemonSets().inAnyNamespace().list().getItems(),
        d -> workload("daemonset", d, d.getSpec().getTemplate().getSpec())));
    all.addAll(list(c, "cronjobs", () -> c.client().batch().v1().cronjobs().inAnyNamespace().list().getItems(),
        j -> workload("cronjob", j, j.getSpec().getJobTemplate().getSpec().getTemplate().getSpec())));
    // jobs a CronJob made and pods a controller made are reported through their owner
    all.addAll(list(c, "jobs", () -> unowned(c.client().batch().v1().jobs().inAnyNamespace().list().getItems()),
        j -> workload("job", j, j.getSpec().getTemplate().getSpec())));
    all.addAll(list(c, "pods", () -> unowned(c.client().pods().inAnyNamespace().list().getItems()),
        p -> workload("pod", p, p.getSpec())));
    return all;
  }

  private static <T> List<Workload> list(
      ClusterConnection c, String resource, Supplier<List<T>> op, Function<T, Workload> toWorkload) {
    return c.call("list", resource, "in all namespaces", op).stream().map(toWorkload).toList();
  }

  private static <T extends HasMetadata> List<T> unowned(List<T> items) {
    return items.stream().filter(o -> o.getMetadata().getOwnerReferences() == null
        || o.getMetadata().getOwnerReferences().isEmpty()).toList();
  }

  private static Workload workload(String kind, HasMetadata o, PodSpec spec) {
    return new Workload(kind, o.getMetadata().getNamespace(), o.getMetadata().getName(), spec);
  }

  private static Optional<String> imageFrom(PodSpec spec, String server) {
    String host = ImageReference.normalize(server);
    return Stream.concat(containers(spec.getInitContainers()), containers(spec.getContainers()))
        .map(Container::getImage)
        .filter(image -> image != null && ImageReference.registryOf(image).equals(host))
        .findFirst();
  }

  private static Stream<Container> containers(List<Container> list) {
    return list == null ? Stream.empty() : list.stream();
  }

  private static boolean references(PodSpec spec, String secret) {
    List<LocalObjectReference> refs = spec.getImagePullSecrets();
    return refs != null && refs.stream().anyMatch(r -> secret.equals(r.getName()));
  }

  private static boolean serviceAccountLists(ClusterSnapshot snapshot, Workload w, String secret) {
    String name = w.spec().getServiceAccountName() == null || w.spec().getServiceAccountName().isEmpty()
        ? "default" : w.spec().getServiceAccountName();
    try {
      Optional<ServiceAccount> sa = snapshot.serviceAccount(w.namespace(), name);
      return sa.isPresent() && PullSecretEntries.of(sa.get()).lists(secret);
    } catch (PullplanException unreadable) {
      return false;
    }
  }
}
