package dev.pullplan.provider.kubernetes;

import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A client for one {@code cluster} block. Every API call goes through {@link #call}, which counts
 * it and turns failures into messages that name the cluster, context, server and action.
 */
final class ClusterConnection implements AutoCloseable {
  private final String cluster;
  private final String context;
  private final String server;
  private final KubernetesClient client;
  private final RunContext run;
  private final CallProgress progress;
  private final java.util.Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();

  ClusterConnection(String cluster, String context, String server, KubernetesClient client, RunContext run,
      CallProgress progress) {
    this.progress = progress;
    this.cluster = cluster;
    this.context = context;
    this.server = server;
    this.client = client;
    this.run = run;
  }

  String cluster() {
    return cluster;
  }

  KubernetesClient client() {
    return client;
  }

  /** {@code cluster "partner" (context partner, https://127.0.0.1:6443)}. */
  String describe() {
    return "cluster \"" + cluster + "\" (context " + context + ", " + server + ")";
  }

  /**
   * Makes one API call.
   *
   * @param verb {@code list}, {@code get}, {@code create}, {@code update}, {@code delete}
   * @param resource the plural resource name, {@code secrets}
   * @param scope {@code in all namespaces}, {@code edge/partner-pull}
   */
  <T> T call(String verb, String resource, String scope, Supplier<T> op) {
    run.countCall("kubernetes", verb + " " + resource);
    try {
      return op.get();
    } catch (KubernetesClientException e) {
      throw ApiErrors.translate(describe(), (verb + " " + resource + " " + scope).strip(), user(),
          AnswerDeadline.headersWait(client.getConfiguration()), e);
    } finally {
      progress.ended();
    }
  }

  /** The kubeconfig user of the current context: who a refused request was sent as. */
  private Optional<String> user() {
    var current = client.getConfiguration().getCurrentContext();
    return Optional.ofNullable(current).map(c -> c.getContext()).map(c -> c.getUser());
  }

  /** Puts the line on the run's progress output the first time it is said for this cluster. */
  void progressOnce(String line) {
    if (said.add(line)) {
      run.progress(line);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
