package dev.pullplan.sandbox.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types the sandbox serves: the core and workload kinds pullplan reads or writes and
 * the seeds' kubectl commands touch, with the short names, verbs and categories a real API server
 * (1.32) gives them. Any other resource path is answered 404, as on a cluster without that API.
 */
final class ApiResources {
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  /** Namespaces cannot be deleted as a collection. */
  private static final List<String> NAMESPACE_VERBS =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");
  private static final List<String> ALL = List.of("all");

  static final List<ApiResource> SERVED = List.of(
      core("namespaces", "namespace", "Namespace", false, List.of("ns"), NAMESPACE_VERBS, List.of()),
      core("secrets", "secret", "Secret", true, List.of(), ALL_VERBS, List.of()),
      core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), ALL_VERBS, List.of()),
      core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), ALL_VERBS, List.of()),
      core("pods", "pod", "Pod", true, List.of("po"), ALL_VERBS, ALL),
      core("events", "event", "Event", true, List.of("ev"), ALL_VERBS, List.of()),
      core("services", "service", "Service", true, List.of("svc"), ALL_VERBS, ALL),
      new ApiResource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), ALL_VERBS, ALL),
      new ApiResource("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), ALL_VERBS, ALL),
      new ApiResource("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), ALL_VERBS, ALL),
      new ApiResource("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("ds"), ALL_VERBS, ALL),
      new ApiResource("batch", "v1", "jobs", "job", "Job", true, List.of(), ALL_VERBS, ALL),
      new ApiResource("batch", "v1", "cronjobs", "cronjob", "CronJob", true, List.of("cj"), ALL_VERBS, ALL),
      new ApiResource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), ALL_VERBS, List.of()),
      new ApiResource("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, List.of(), ALL_VERBS, List.of()),
      new ApiResource("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, List.of(),
          ALL_VERBS, List.of()));

  private ApiResources() {}

  private static ApiResource core(String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> verbs, List<String> categories) {
    return new ApiResource("", "v1", plural, singular, kind, namespaced, shortNames, verbs, categories);
  }

  static Optional<ApiResource> find(String group, String version, String plural) {
    return SERVED.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }

  static Optional<ApiResource> byKind(String group, String kind) {
    return SERVED.stream().filter(r -> r.group().equals(group) && r.kind().equals(kind)).findFirst();
  }

  /** Group version ({@code v1}, {@code apps/v1}) to its resources, in discovery order. */
  static Map<String, List<ApiResource>> byGroupVersion() {
    Map<String, List<ApiResource>> out = new LinkedHashMap<>();
    SERVED.forEach(r -> out.computeIfAbsent(r.groupVersion(), k -> new ArrayList<>()).add(r));
    return out;
  }

  /** The API groups (not the core group) in discovery order. */
  static List<String> groups() {
    return SERVED.stream().map(ApiResource::group).filter(g -> !g.isEmpty()).distinct().toList();
  }
}
