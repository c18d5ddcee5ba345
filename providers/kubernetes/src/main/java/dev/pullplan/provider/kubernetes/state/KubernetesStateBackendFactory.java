package dev.pullplan.provider.kubernetes.state;

import dev.pullplan.PullplanException;
import dev.pullplan.provider.kubernetes.AnswerDeadline;
import dev.pullplan.provider.kubernetes.Kubeconfig;
import dev.pullplan.state.BackendContext;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.StateBackendFactory;
import dev.pullplan.state.StateCodec;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code backend "kubernetes" { name = "prod" }}: state in the Secret {@code pullplan-state-<name>},
 * lock in the Lease of the same name.
 *
 * <p>Settings: {@code name} (required), {@code namespace} (default: the context's namespace, else
 * {@code default}), {@code kubeconfig} and {@code context} (default: {@code KUBECONFIG}, else
 * {@code ~/.kube/config} and its current context), {@code lease_duration} (default 60s).
 */
public final class KubernetesStateBackendFactory implements StateBackendFactory {
  public static final String TYPE = "kubernetes";
  static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
  private static final String OWNER = "the kubernetes backend";
  /**
   * The name is also the value of the label {@code pullplan.dev/state}, which a real API server
   * limits to 63 characters (422 otherwise), and with the chunk suffix part of Secret names.
   */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> settings() {
    return Set.of("name", "namespace", "kubeconfig", "context", "lease_duration");
  }

  @Override
  public StateBackend open(BackendContext context) {
    String name = context.required("name");
    if (!NAME.matcher(name).matches()) {
      throw new PullplanException("the kubernetes backend name \"" + name + "\" must be lower-case letters, digits"
          + " and '-', starting and ending with a letter or digit, 63 characters at most: it becomes part of the"
          + " Secret's name and the value of its label pullplan.dev/state");
    }
    Config config = Kubeconfig.locate(context.setting("kubeconfig"), context.stackDir(), context.environment(), OWNER)
        .clientConfig(context.setting("context"), OWNER);
    AnswerDeadline.boundHeaders(config, AnswerDeadline.LIMIT);
    String namespace = context.setting("namespace")
        .orElseGet(() -> config.getNamespace() == null ? "default" : config.getNamespace());
    String server = config.getMasterUrl().replaceAll("/+$", "");
    StateApi api = new StateApi(new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(AnswerDeadline.installing(AnswerDeadline.LIMIT)).build(),
        OWNER + " (" + server + ")", namespace);
    return new KubernetesStateBackend(api, name, server, context.duration("lease_duration", DEFAULT_LEASE),
        new StateCodec(context.keyring()), context.warnings());
  }
}
