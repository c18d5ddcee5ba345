package dev.pullplan.provider.kubernetes;

import dev.pullplan.expand.Expander;
import dev.pullplan.spi.ResourceState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters of one run: a connection and a snapshot per {@code cluster} block, made on first
 * use. A cluster that cannot be reached fails alone, with the same message every time.
 */
final class Clusters implements AutoCloseable {
  private final ClusterConnector connector;
  private final Map<String, Memo<Connected>> clusters = new ConcurrentHashMap<>();

  Clusters(ClusterConnector connector) {
    this.connector = connector;
  }

  /**
   * Takes note of how a recorded object's cluster was reached, so that it can be reached after its
   * block left the config.
   */
  void remember(ResourceState recorded) {
    Object cluster = recorded.attributes().get("cluster");
    if (cluster instanceof String name) {
      connector.remember(name, recorded.attributes().get(Expander.CLUSTER_CONNECTION));
    }
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
