package dev.pullplan.provider.kubernetes;

import dev.pullplan.expand.Expander;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Cluster;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters of one run: a connection and a snapshot per {@code cluster} block, made on first
 * use. A cluster that cannot be reached fails alone, with the same message every time.
 */
final class Clusters implements AutoCloseable {
  private final ClusterConnector connector;
  private final Map<String, Memo<Connected>> clusters = new ConcurrentHashMap<>();
  private final Set<List<String>> created = ConcurrentHashMap.newKeySet();

  Clusters(ClusterConnector connector) {
    this.connector = connector;
  }

  /** Takes note of how a read's object is reached: as the config says, else as state recorded. */
  void learn(ReadRequest request) {
    request.desired().ifPresent(this::learn);
    request.prior().ifPresent(this::remember);
  }

  /**
   * Takes note of how the config reaches the object's cluster, and of a namespace it creates there
   * (its objects may be planned in it before it exists).
   */
  void learn(Desired desired) {
    if (desired.attributes().get("cluster") instanceof String cluster) {
      ClusterConnector.described(cluster, desired.attributes().get(Expander.CLUSTER_CONNECTION), "the config")
          .ifPresent(connector::configure);
      if (desired.type().equals(ResourceTypes.K8S_NAMESPACE)) {
        created.add(List.of(cluster, desired.string("name")));
      }
    }
  }

  /** Takes note of a cluster the caller names by its config block (a service's argument). */
  void learn(Cluster cluster) {
    connector.configure(cluster);
  }

  /**
   * Takes note of how a recorded object's cluster was reached, so that it can be reached after its
   * block left the config.
   */
  void remember(ResourceState recorded) {
    if (recorded.attributes().get("cluster") instanceof String cluster) {
      ClusterConnector.described(cluster, recorded.attributes().get(Expander.CLUSTER_CONNECTION), "the state")
          .ifPresent(connector::remember);
    }
  }

  /** Whether the config creates the namespace in the cluster (learnt from the objects handed to this run). */
  boolean createsNamespace(String cluster, String namespace) {
    return created.contains(List.of(cluster, namespace));
  }

  ClusterConnection connection(String cluster) {
    return connected(cluster).connection();
  }

  ClusterSnapshot snapshot(String cluster) {
    return connected(cluster).snapshot();
  }

  private Connected connected(String cluster) {
    return clusters.computeIfAbsent(cluster, name -> new Memo<>(() -> {
      ClusterConnection connection = connector.connect(name);
      return new Connected(connection, new ClusterSnapshot(connection));
    })).get();
  }

  @Override
  public void close() {
    clusters.values().forEach(memo -> {
      try {
        memo.get().connection().close();
      } catch (RuntimeException notConnected) {
        // nothing was opened for a cluster that failed to connect
      }
    });
  }

  private record Connected(ClusterConnection connection, ClusterSnapshot snapshot) {}
}
