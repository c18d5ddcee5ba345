package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.spi.NamespaceInventory;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.RunContext;
import dev.pullplan.spi.SideBySide;
import dev.pullplan.spi.Unknown;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One run's clusters, caches and handlers. Clients are built on the first call that needs one. */
final class KubernetesSession implements ProviderSession {
  static final Duration SERVICE_ACCOUNT_WAIT = Duration.ofSeconds(30);
  /** Clusters whose lists are read at once (the per-resource reads have their own pool). */
  static final int CLUSTERS_AT_ONCE = 10;

  private final RunContext run;
  private final Clusters clusters;
  /**
   * The side-by-side reads of the clusters wait as long as calls to them keep ending, so a fleet may
   * take as long as it needs, and fail by name for a cluster stuck where no deadline reaches.
   */
  private final SideBySide.Watch clusterCalls;
  private final Map<String, ResourceHandler> handlers;
  private final NamespaceInventory inventory;
  private final dev.pullplan.spi.PodPulls podPulls;
  private final StalePodCheck stalePods = new StalePodCheck();
  /** Every handler's locator: how to reach the cluster, recorded with each object. */
  static final Set<String> LOCATORS = Set.of(dev.pullplan.expand.Expander.CLUSTER_CONNECTION);

  KubernetesSession(RunContext run, Duration serviceAccountWait) {
    this(run, serviceAccountWait, AnswerDeadline.LIMIT);
  }

  /** As the provider makes it, with a shorter wait for the body of an answer, for tests. */
  KubernetesSession(RunContext run, Duration serviceAccountWait, Duration answerLimit) {
    this.run = run;
    ClusterConnector connector = new ClusterConnector(run, answerLimit);
    this.clusters = new Clusters(connector);
    this.clusterCalls = new SideBySide.Watch(connector.progress()::lastEndedNanos, connector.stuckAfter(), "cluster");
    this.handlers = Map.of(
        ResourceTypes.K8S_NAMESPACE, new NamespaceHandler(clusters, run),
        ResourceTypes.K8S_SECRET, new SecretHandler(clusters, run),
        ResourceTypes.K8S_SA_PULL_SECRET, new ServiceAccountPullSecretHandler(clusters, run, serviceAccountWait, stalePods));
    this.inventory = new ClusterNamespaceInventory(clusters);
    this.podPulls = new ClusterPodPulls(clusters);
  }

  @Override
  public ResourceHandler handler(String type) {
    ResourceHandler h = handlers.get(type);
    if (h == null) {
      throw new IllegalArgumentException("the kubernetes provider has no resource type " + type);
    }
    return h;
  }

  /**
   * Per cluster, at most one LIST each of dockerconfigjson Secrets, ServiceAccounts (per namespace
   * only where RBAC forbids listing them cluster-wide) and namespaces, whatever the number of
   * namespaces. A cluster that fails is remembered; its reads report why, other clusters go on.
   */
  @Override
  public void prefetch(Collection<ReadRequest> reads) {
    // every read first, so that the config's way to a cluster wins whichever object connects first
    reads.forEach(clusters::learn);
    Map<String, List<ReadRequest>> byCluster = byCluster(reads);
    Map<String, Runnable> perCluster = new java.util.LinkedHashMap<>();
    byCluster.forEach((cluster, clusterReads) -> perCluster.put(cluster, () -> prefetch(cluster, clusterReads)));
    SideBySide.run(perCluster, CLUSTERS_AT_ONCE, "reading the clusters", clusterCalls);
  }

  /**
   * The ServiceAccounts of every cluster where the apply adds or changes an entry, one LIST each,
   * side by side: each entry's update is guarded by its account as listed, and the first entry of
   * each cluster would otherwise list it while the cluster's other entries wait. A cluster where
   * the apply changes a namespace is left to list when its entries need it: the namespace's write
   * resets what was read.
   */
  @Override
  public void applying(Collection<ReadRequest> changes) {
    changes.forEach(clusters::learn);
    Map<String, List<ReadRequest>> byCluster = byCluster(changes);
    Map<String, Runnable> lists = new java.util.LinkedHashMap<>();
    byCluster.forEach((cluster, clusterChanges) -> {
      List<ReadRequest> entries = clusterChanges.stream()
          .filter(r -> r.type().equals(ResourceTypes.K8S_SA_PULL_SECRET) && r.desired().isPresent()).toList();
      boolean namespacesChange = clusterChanges.stream().anyMatch(r -> r.type().equals(ResourceTypes.K8S_NAMESPACE));
      if (!entries.isEmpty() && !namespacesChange) {
        lists.put(cluster, () -> {
          try {
            clusters.snapshot(cluster).preloadServiceAccounts(namespacesOf(entries, ResourceTypes.K8S_SA_PULL_SECRET));
          } catch (PullplanException leftToTheEntries) {
            // each entry's change reads its account itself and reports what fails
          }
        });
      }
    });
    SideBySide.run(lists, CLUSTERS_AT_ONCE, "listing the ServiceAccounts the apply changes", clusterCalls);
  }

  /** Of the resources of this provider whose cluster is known, by cluster. */
  private Map<String, List<ReadRequest>> byCluster(Collection<ReadRequest> requests) {
    return requests.stream()
        .filter(r -> handlers.containsKey(r.type()))
        .filter(r -> r.attribute("cluster").filter(c -> !(c instanceof Unknown)).isPresent())
        .collect(Collectors.groupingBy(r -> r.located("cluster")));
  }

  private void prefetch(String cluster, List<ReadRequest> clusterReads) {
    Set<String> types = clusterReads.stream().map(ReadRequest::type).collect(Collectors.toSet());
    try {
      ClusterSnapshot snapshot = clusters.snapshot(cluster);
      if (types.contains(ResourceTypes.K8S_SECRET)) {
        snapshot.preloadPullSecrets(namespacesOf(clusterReads, ResourceTypes.K8S_SECRET));
      }
      if (types.contains(ResourceTypes.K8S_SA_PULL_SECRET)) {
        snapshot.preloadServiceAccounts(namespacesOf(clusterReads, ResourceTypes.K8S_SA_PULL_SECRET));
      }
      if (types.contains(ResourceTypes.K8S_NAMESPACE)) {
        snapshot.namespaces();
      }
      auditWorkloads(cluster, snapshot, clusterReads);
    } catch (PullplanException remembered) {
      // each read of this cluster reports it as Unreadable
    }
  }

  private void auditWorkloads(String cluster, ClusterSnapshot snapshot, List<ReadRequest> reads) {
    Set<List<String>> listedByServiceAccounts = reads.stream()
        .filter(r -> r.type().equals(ResourceTypes.K8S_SA_PULL_SECRET) && r.desired().isPresent())
        .map(KubernetesSession::secretInNamespace)
        .collect(Collectors.toSet());
    // a Secret no desired ServiceAccount entry lists is one that pods must name themselves (pull_secret mode)
    List<WorkloadAudit.SecretUse> uses = reads.stream()
        .filter(r -> r.type().equals(ResourceTypes.K8S_SECRET) && r.desired().isPresent())
        .filter(r -> !listedByServiceAccounts.contains(secretInNamespace(r)))
        .filter(KubernetesSession::newToItsWorkloads)
        .map(r -> new WorkloadAudit.SecretUse(r.string("namespace"), r.string("name"), r.string("server")))
        .toList();
    if (uses.isEmpty()) {
      return;
    }
    try {
      WorkloadAudit.warnings(clusters.connection(cluster), snapshot, uses).forEach(run::warn);
    } catch (PullplanException e) {
      run.warn("could not check which workloads lack the pull secret: " + e.getMessage());
    }
  }

  /**
   * The audit costs six LISTs per cluster, so it runs for the Secrets a plan brings to a registry
   * (not yet in state, or now for another server), as Terraform warns at the change and not on
   * every refresh: a no-op plan of a fleet lists no workloads. The price: a workload deployed
   * after the Secret was made is not audited until a plan changes that Secret's registry
   * ({@code pullplan doctor} finds its pods once they fail to pull).
   */
  private static boolean newToItsWorkloads(ReadRequest r) {
    return r.prior().map(p -> !java.util.Objects.equals(p.attributes().get("server"), r.string("server")))
        .orElse(true);
  }

  /** Which Secret a read is about, or which Secret a ServiceAccount entry lists: namespace and name. */
  private static List<String> secretInNamespace(ReadRequest r) {
    return List.of(r.string("namespace"),
        r.string(r.type().equals(ResourceTypes.K8S_SA_PULL_SECRET) ? "secret_name" : "name"));
  }

  private static Set<String> namespacesOf(List<ReadRequest> reads, String type) {
    return reads.stream().filter(r -> r.type().equals(type))
        .map(r -> r.located("namespace")).collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    if (type == dev.pullplan.spi.PodPulls.class) {
      return Optional.of(type.cast(podPulls));
    }
    return type == NamespaceInventory.class ? Optional.of(type.cast(inventory)) : Optional.empty();
  }

  /** The pods admitted before the ServiceAccount entries this apply added: per cluster one LIST. */
  @Override
  public void applied() {
    SideBySide.run(stalePods.checks(run), CLUSTERS_AT_ONCE, "looking for pods admitted without their pull secret",
        clusterCalls);
  }

  @Override
  public void close() {
    clusters.close();
  }
}
