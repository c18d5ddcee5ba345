package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ServiceAccount entries an apply added, checked for {@link StalePods} once every change ran:
 * per cluster one LIST of pods (cluster-wide; of the namespace when all its entries are in one, or
 * where RBAC forbids the cluster-wide one, one per namespace) instead of one LIST per entry. The
 * pods that matter were admitted before their entry was written, so a list taken after all of
 * them are written shows every one.
 */
final class StalePodCheck {
  /** An entry pullplan added: {@code secret} is now listed by {@code serviceAccount}. */
  record Added(ClusterConnection connection, String namespace, String serviceAccount, String secret, String account) {}

  private final List<Added> added = Collections.synchronizedList(new ArrayList<>());

  void added(Added entry) {
    added.add(entry);
  }

  /**
   * One task per cluster with added entries, to run side by side: each warns of its stale pods (or
   * restarts their owners with {@code --restart-stale}). Pods that cannot be listed are a warning
   * per entry, not a failure: the entries are in place. The entries are forgotten once handed out.
   * Keyed by the cluster's name.
   */
  Map<String, Runnable> checks(RunContext run) {
    List<Added> entries;
    synchronized (added) {
      entries = List.copyOf(added);
      added.clear();
    }
    Map<ClusterConnection, List<Added>> byCluster = entries.stream()
        .collect(Collectors.groupingBy(Added::connection, LinkedHashMap::new, Collectors.toList()));
    Map<String, Runnable> checks = new LinkedHashMap<>();
    byCluster.forEach((c, added) -> checks.put(c.cluster(), () -> {
      Function<String, List<Pod>> pods = podsOf(c, added.stream().map(Added::namespace)
          .collect(Collectors.toCollection(LinkedHashSet::new)));
      added.forEach(e -> report(c, e, pods, run));
    }));
    return checks;
  }

  private static void report(ClusterConnection c, Added e, Function<String, List<Pod>> pods, RunContext run) {
    try {
      List<StalePods.Stale> stale = StalePods.find(pods.apply(e.namespace()), e.serviceAccount(), e.secret());
      if (run.options().restartStale()) {
        OwnerRestart.restart(c, stale, run.clock().instant()).forEach(run::warn);
      } else {
        stale.forEach(s -> run.warn(StalePods.warning(c, s, e.serviceAccount(), e.secret())));
      }
    } catch (PullplanException ex) {
      run.warn(e.account() + " now lists " + e.secret() + ", but pullplan could not check which of its pods were"
          + " admitted without it: " + ex.getMessage());
    }
  }

  /** The pods of each of these namespaces, listed at most once; a refusal is thrown for each namespace it hides. */
  private static Function<String, List<Pod>> podsOf(ClusterConnection c, Set<String> namespaces) {
    Map<String, Memo<List<Pod>>> perNamespace = new LinkedHashMap<>();
    namespaces.forEach(ns -> perNamespace.put(ns, new Memo<>(() -> c.call("list", "pods", "in namespace " + ns,
        () -> c.client().pods().inNamespace(ns).list().getItems()))));
    if (namespaces.size() == 1) {
      return ns -> perNamespace.get(ns).get();
    }
    Memo<Map<String, List<Pod>>> everywhere = new Memo<>(() -> c.call("list", "pods", "in all namespaces",
        () -> c.client().pods().inAnyNamespace().list().getItems()).stream()
        .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace())));
    return ns -> {
      try {
        return everywhere.get().getOrDefault(ns, List.of());
      } catch (KubernetesApiException e) {
        if (!e.isForbidden()) {
          throw e;
        }
        c.progressOnce("listing pods in all namespaces is forbidden on " + c.describe()
            + ": listing them one namespace at a time");
        return perNamespace.get(ns).get();
      }
    };
  }
}
