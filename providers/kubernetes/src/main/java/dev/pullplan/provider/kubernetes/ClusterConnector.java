package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.model.Cluster;
import dev.pullplan.spi.ClusterCredentials;
import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Optional;

/**
 * Builds the client of a {@code cluster} block: its {@code kubeconfig} and {@code context}, else
 * {@code KUBECONFIG} from the run's environment, else {@code ~/.kube/config} with its current
 * context; an AKS cluster with neither gets its kubeconfig from {@link ClusterCredentials}.
 */
final class ClusterConnector {
  private final RunContext run;

  ClusterConnector(RunContext run) {
    this.run = run;
  }

  ClusterConnection connect(String clusterName) {
    Cluster cluster = run.stack().cluster(clusterName);
    if (cluster == null) {
      throw new PullplanException("there is no cluster block named \"" + clusterName + "\"");
    }
    String owner = "cluster \"" + cluster.name() + "\"";
    Config config = kubeconfigOf(cluster, owner).clientConfig(cluster.context(), owner);
    String context = config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName();
    String server = config.getMasterUrl().replaceAll("/+$", "");
    return new ClusterConnection(cluster.name(), context, server,
        new KubernetesClientBuilder().withConfig(config).build(), run);
  }

  private Kubeconfig kubeconfigOf(Cluster cluster, String owner) {
    if (cluster.kubeconfig().isEmpty() && cluster.isAks() && cluster.context().isEmpty()) {
      return run.service(ClusterCredentials.class)
          .flatMap(source -> source.kubeconfig(cluster))
          .map(text -> new Kubeconfig(text, Optional.empty(), "the AKS user credential of cluster \"" + cluster.name() + "\""))
          .orElseThrow(() -> new PullplanException("cluster \"" + cluster.name() + "\" is an AKS cluster without"
              + " kubeconfig: its credentials come from the azure provider, which could not provide them in this"
              + " run; configure the azure provider, or set kubeconfig/context in the cluster block"));
    }
    return Kubeconfig.locate(cluster.kubeconfig(), run.stack().dir(), run.environment(), owner);
  }
}
