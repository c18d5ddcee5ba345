package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The objects of one namespaced kind in one cluster, from one LIST across all namespaces or, when
 * RBAC forbids that (a user with rights in a few namespaces only, as partner clusters often are),
 * one LIST per namespace read. The fallback is said once per run on the progress line.
 */
final class NamespacedListing<T extends HasMetadata> {
  private final ClusterConnection connection;
  private final String resource;
  private final Function<String, List<T>> inNamespace;
  private final Memo<Optional<Map<ObjectKey, T>>> clusterWide;
  private final Map<String, Memo<Map<ObjectKey, T>>> perNamespace = new HashMap<>();

  /**
   * @param resource the plural, {@code secrets}
   * @param everywhere lists all namespaces
   * @param inNamespace lists one namespace
   */
  NamespacedListing(ClusterConnection connection, String resource, Supplier<List<T>> everywhere,
      Function<String, List<T>> inNamespace) {
    this.connection = connection;
    this.resource = resource;
    this.inNamespace = inNamespace;
    this.clusterWide = new Memo<>(() -> listClusterWide(everywhere));
  }

  Optional<T> find(String namespace, String name) {
    ObjectKey key = new ObjectKey(namespace, name);
    Optional<Map<ObjectKey, T>> all = clusterWide.get();
    return Optional.ofNullable(all.isPresent() ? all.get().get(key) : inNamespace(namespace).get(key));
  }

  /** The object as the last list showed it, if that list is still current; never lists. */
  synchronized Optional<T> lastRead(String namespace, String name) {
    ObjectKey key = new ObjectKey(namespace, name);
    Optional<Map<ObjectKey, T>> all = clusterWide.peek().flatMap(o -> o);
    if (all.isPresent()) {
      return Optional.ofNullable(all.get().get(key));
    }
    Memo<Map<ObjectKey, T>> ns = perNamespace.get(namespace);
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

  /**
   * Pullplan wrote this object: the lists already read show it as written, so the next change in
   * the same cluster needs no GET (nor a new LIST) first. Lists not read yet stay unread.
   */
  synchronized void wrote(T object) {
    ObjectKey key = ObjectKey.of(object);
    clusterWide.peek().flatMap(o -> o).ifPresent(m -> m.put(key, object));
    Memo<Map<ObjectKey, T>> ns = perNamespace.get(key.namespace());
    if (ns != null) {
      ns.peek().ifPresent(m -> m.put(key, object));
    }
  }

  /** Pullplan deleted this object: the lists already read no longer show it. */
  synchronized void deleted(ObjectKey key) {
    clusterWide.peek().flatMap(o -> o).ifPresent(m -> m.remove(key));
    Memo<Map<ObjectKey, T>> ns = perNamespace.get(key.namespace());
    if (ns != null) {
      ns.peek().ifPresent(m -> m.remove(key));
    }
  }

  private Map<ObjectKey, T> inNamespace(String namespace) {
    Memo<Map<ObjectKey, T>> memo;
    synchronized (this) {
      memo = perNamespace.computeIfAbsent(namespace, ns -> new Memo<>(() -> index(connection.call(
          "list", resource, "in namespace " + ns, () -> inNamespace.apply(ns)))));
    }
    return memo.get();
  }

  /** Empty when cluster-wide listing is forbidden: the per-namespace fallback applies. */
  private Optional<Map<ObjectKey, T>> listClusterWide(Supplier<List<T>> everywhere) {
    try {
      return Optional.of(index(connection.call("list", resource, "in all namespaces", everywhere)));
    } catch (KubernetesApiException e) {
      if (e.isForbidden()) {
        connection.progressOnce("listing " + resource + " in all namespaces is forbidden on " + connection.describe()
            + ": listing them one namespace at a time");
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Concurrent: {@link #wrote} changes it while other workers read it. */
  private Map<ObjectKey, T> index(Collection<T> items) {
    return items.stream().collect(Collectors.toMap(ObjectKey::of, Function.identity(), (a, b) -> b,
        ConcurrentHashMap::new));
  }
}
