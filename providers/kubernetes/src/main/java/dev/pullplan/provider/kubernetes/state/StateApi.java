package dev.pullplan.provider.kubernetes.state;

import dev.pullplan.provider.kubernetes.AnswerDeadline;
import dev.pullplan.provider.kubernetes.ApiErrors;
import dev.pullplan.provider.kubernetes.KubernetesApiException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** The client the backend talks through; every failure becomes a message naming the server and the call. */
final class StateApi implements AutoCloseable {
  static final int CONFLICT = 409;
  private final KubernetesClient client;
  private final String where;
  final String namespace;

  StateApi(KubernetesClient client, String where, String namespace) {
    this.client = client;
    this.where = where;
    this.namespace = namespace;
  }

  KubernetesClient client() {
    return client;
  }

  /** @param action {@code get secret platform/pullplan-state-prod} */
  <T> T call(String action, Supplier<T> op) {
    try {
      return op.get();
    } catch (KubernetesClientException e) {
      throw ApiErrors.translate(where, action, java.util.Optional.empty(),
          AnswerDeadline.headersWait(client.getConfiguration()), e);
    }
  }

  static boolean isConflict(KubernetesApiException e) {
    return e.code() == CONFLICT;
  }

  @Override
  public void close() {
    client.close();
  }
}
