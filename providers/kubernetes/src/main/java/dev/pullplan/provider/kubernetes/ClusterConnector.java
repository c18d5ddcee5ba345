package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.diag.Position;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.model.Cluster;
import dev.pullplan.spi.ClusterCredentials;
import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the client of a {@code cluster} block: its {@code kubeconfig} and {@code context}, else
 * {@code KUBECONFIG} from the run's environment, else {@code ~/.kube/config} with its current
 * context; an AKS cluster with neither gets its kubeconfig from {@link ClusterCredentials}.
 */
final class ClusterConnector {
  /**
   * One for every client of the process: a client's own would build its Jackson deserializers
   * anew, which with a fleet's clients rebuilt every run cost more CPU than the answers they read.
   */
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  /** Named, because fabric8 otherwise looks for a factory with a ServiceLoader scan for every client it builds. */
  private static final HttpClient.Factory HTTP_CLIENTS = new JdkHttpClientFactory();

  private final RunContext run;
  private final java.time.Duration answerLimit;
  private final CallProgress progress = new CallProgress();
  private final Map<String, Cluster> configured = new ConcurrentHashMap<>();
  private final Map<String, Cluster> recorded = new ConcurrentHashMap<>();

  /** @param answerLimit how long the body of an answer may stop coming before the call fails ({@link AnswerDeadline}) */
  ClusterConnector(RunContext run, java.time.Duration answerLimit) {
    this.run = run;
    this.answerLimit = answerLimit;
  }

  /** How the config reaches a cluster: wins over what state recorded for a cluster of that name. */
  void configure(Cluster cluster) {
    configured.put(cluster.name(), cluster);
  }

  /**
   * Keeps how state says a cluster was reached, for objects whose cluster block is gone from the
   * config: they are still read and deleted there.
   */
  void remember(Cluster cluster) {
    recorded.putIfAbsent(cluster.name(), cluster);
  }

  /** A cluster as a {@code cluster_connection} describes it; empty when there is none. */
  static Optional<Cluster> described(String clusterName, Object connection, String where) {
    if (!(connection instanceof Map<?, ?> facts)) {
      return Optional.empty();
    }
    return Optional.of(new Cluster(clusterName, aks(facts), text(facts, "kubeconfig"), text(facts, "context"),
        Position.unknown(where)));
  }

  ClusterConnection connect(String clusterName) {
    Cluster cluster = Optional.ofNullable(configured.get(clusterName)).orElse(recorded.get(clusterName));
    if (cluster == null) {
      throw new PullplanException("no object of the config is in cluster \"" + clusterName + "\", and state does not"
          + " record how to reach it (it was written before pullplan recorded that): put an access of that cluster"
          + " block back to change objects in it, or `pullplan state rm` them");
    }
    String owner = "cluster \"" + cluster.name() + "\"";
    Config config = kubeconfigOf(cluster, owner).clientConfig(cluster.context(), owner);
    AnswerDeadline.boundHeaders(config, answerLimit);
    expiringToken(cluster).ifPresent(token -> config.setOauthTokenProvider(token::get));
    String context = config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName();
    String server = config.getMasterUrl().replaceAll("/+$", "");
    return new ClusterConnection(cluster.name(), context, server,
        new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(SERIALIZATION)
            .withHttpClientFactory(HTTP_CLIENTS)
            .withHttpClientBuilderConsumer(AnswerDeadline.installing(answerLimit)
                .andThen(HttpLogInterceptor.installing(run.httpLog(), "kubernetes \"" + cluster.name() + "\"")))
            .build(), run, progress);
  }

  /** When a call of one of its connections last ended. */
  CallProgress progress() {
    return progress;
  }

  /**
   * Longer than a call goes without ending while its deadlines hold: each of its tries gets an
   * answer or fails within the answer limit (a connect and the headers take at most 10 s each,
   * {@link AnswerDeadline} ends a body that stops), then back-off. A call still running after it
   * is stuck where no deadline reaches (5 min 4 s with the 60 s limit).
   */
  java.time.Duration stuckAfter() {
    java.time.Duration longest = answerLimit.multipliedBy(Kubeconfig.RETRIES + 1L).plus(Kubeconfig.retriesBackOff());
    // whole seconds, for the message that names it
    return java.time.Duration.ofSeconds((longest.toMillis() + 999) / 1000);
  }

  private static Optional<String> text(Map<?, ?> facts, String key) {
    return Optional.ofNullable(facts.get(key)).map(String::valueOf);
  }

  private static Optional<AzureResourceRef> aks(Map<?, ?> facts) {
    return text(facts, "aks_name").flatMap(name -> text(facts, "aks_resource_group")
        .map(group -> new AzureResourceRef(name, group, text(facts, "aks_subscription_id"))));
  }

  /** The source of an AKS cluster's expiring Entra token, when its credentials come from the azure provider. */
  private Optional<java.util.function.Supplier<String>> expiringToken(Cluster cluster) {
    if (cluster.kubeconfig().isEmpty() && cluster.isAks() && cluster.context().isEmpty()) {
      return run.service(ClusterCredentials.class).flatMap(source -> source.bearerToken(cluster));
    }
    return Optional.empty();
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
    return Kubeconfig.locate(cluster.kubeconfig(), run.configDir(), run.environment(), owner);
  }
}
