package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ServiceAccounts of one cluster from one LIST across all namespaces or, when RBAC forbids
 * that (a user with rights in a few namespaces only), one LIST per namespace read.
 */
final class ServiceAccountListing {
  private final ClusterConnection connection;
  private final Memo<Optional<Map<ObjectKey, ServiceAccount>>> clusterWide;
  private final Map<String, Memo<Map<ObjectKey, ServiceAccount>>> perNamespace = new HashMap<>();

  ServiceAccountListing(ClusterConnection connection) {
    this.connection = connection;
    this.clusterWide = new Memo<>(this::listClusterWide);
  }

  Optional<ServiceAccount> find(String namespace, String name) {
    ObjectKey key = new ObjectKey(namespace, name);
    Optional<Map<ObjectKey, ServiceAccount>> all = clusterWide.get();
    return Optional.ofNullable(all.isPresent() ? all.get().get(key) : inNamespace(namespace).get(key));
  }

  /** The account as the last list showed it, if that list is still current; never lists. */
  synchronized Optional<ServiceAccount> lastRead(String namespace, String name) {
    ObjectKey key = new ObjectKey(namespace, name);
    Optional<Map<ObjectKey, ServiceAccount>> all = clusterWide.peek().flatMap(o -> o);
    if (all.isPresent()) {
      return Optional.ofNullable(all.get().get(key));
    }
    Memo<Map<ObjectKey, ServiceAccount>> ns = perNamespace.get(namespace);
    return ns == null ? Optional.empty() : ns.peek().map(m -> m.get(key));
  }

  /** Lists what {@link #find} will need, so reads do not list one by one. */
  void preload(Collection<String> namespaces) {
    if (clusterWide.get().isEmpty()) {
      namespaces.forEach(this::inNamespace);
    }
  }

  synchronized void reset() {
    clusterWide.reset();
    perNamespace.clear();
  }

  private Map<ObjectKey, ServiceAccount> inNamespace(String namespace) {
    Memo<Map<ObjectKey, ServiceAccount>> memo;
    synchronized (this) {
      memo = perNamespace.computeIfAbsent(namespace, ns -> new Memo<>(() -> index(connection.call(
          "list", "serviceaccounts", "in namespace " + ns,
          () -> connection.client().serviceAccounts().inNamespace(ns).list().getItems()))));
    }
    return memo.get();
  }

  /** Empty when cluster-wide listing is forbidden: the per-namespace fallback applies. */
  private Optional<Map<ObjectKey, ServiceAccount>> listClusterWide() {
    try {
      return Optional.of(index(connection.call("list", "serviceaccounts", "in all namespaces",
          () -> connection.client().serviceAccounts().inAnyNamespace().list().getItems())));
    } catch (KubernetesApiException e) {
      if (e.isForbidden()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Map<ObjectKey, ServiceAccount> index(Collection<ServiceAccount> items) {
    return items.stream().collect(Collectors.toMap(ObjectKey::of, Function.identity(), (a, b) -> b));
  }
}
