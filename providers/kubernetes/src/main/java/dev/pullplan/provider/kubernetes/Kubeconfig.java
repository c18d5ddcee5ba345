package dev.pullplan.provider.kubernetes;

import dev.pullplan.IoFailure;
import dev.pullplan.PullplanException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Utils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kubeconfig's text, the file it came from if any, and how to name it in messages; turned into a
 * client configuration for one of its contexts. Shared by the provider's clusters and the
 * kubernetes state backend, so both find and read kubeconfigs the same way.
 */
public record Kubeconfig(String text, Optional<Path> path, String origin) {
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  /**
   * Retries of one request after a 429, a 5xx or a broken connection. fabric8 (8.0) waits
   * {@code interval × 2^n} (n capped at 5) or the answer's {@code Retry-After} when that is longer,
   * asynchronously, so a throttled cluster does not hold up calls to the others. 4 retries from
   * 250 ms wait at most 3.75 s plus what the server asks for; fabric8's default, 10 from 100 ms,
   * would stall a run for over 20 s per call on an unreachable cluster.
   */
  static final int RETRIES = 4;
  static final int RETRY_INTERVAL_MS = 250;

  /** The waits between the tries of one request together, when no answer asks for longer: 250 ms × (1 + 2 + 4 + 8). */
  static java.time.Duration retriesBackOff() {
    return java.time.Duration.ofMillis(RETRY_INTERVAL_MS * ((1L << RETRIES) - 1));
  }
  /**
   * fabric8's default is 5 concurrent requests per host — the same trap as client-go's 5 QPS —
   * for the HTTP clients that enforce it (OkHttp, Vert.x); the JDK client pullplan uses has no
   * client-side limit, so this only keeps a change of client from quietly serialising a run.
   * The run's parallelism bounds the requests in flight.
   */
  static final int MAX_REQUESTS_PER_HOST = 64;

  /**
   * The file {@code configured} names (relative to {@code baseDir}, {@code ~} expanded), else the
   * first entry of {@code KUBECONFIG}, else {@code ~/.kube/config}.
   *
   * @param owner who needs it, for messages: {@code cluster "dev"}, {@code the kubernetes backend}
   */
  public static Kubeconfig locate(Optional<String> configured, Path baseDir, Map<String, String> env, String owner) {
    if (configured.isPresent()) {
      return read(baseDir.resolve(expandHome(configured.get(), env)), owner);
    }
    Optional<String> fromEnv = Optional.ofNullable(env.get("KUBECONFIG"))
        .flatMap(list -> List.of(list.split(File.pathSeparator)).stream().filter(s -> !s.isBlank()).findFirst());
    Path file = fromEnv.map(Path::of).orElseGet(() -> home(env).resolve(".kube").resolve("config"));
    if (fromEnv.isEmpty() && !Files.exists(file) && env.containsKey("KUBERNETES_SERVICE_HOST")) {
      return inCluster(env, Path.of(SERVICE_ACCOUNT_DIR), owner);
    }
    return read(file, owner);
  }

  static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  /**
   * Inside a pod (a CronJob running {@code pullplan drift}) with no kubeconfig: the pod's
   * ServiceAccount token and CA, and the API server the kubelet names in the environment.
   */
  static Kubeconfig inCluster(Map<String, String> env, Path serviceAccountDir, String owner) {
    try {
      String token = Files.readString(serviceAccountDir.resolve("token"), StandardCharsets.UTF_8).trim();
      Path namespaceFile = serviceAccountDir.resolve("namespace");
      String namespace = Files.exists(namespaceFile) ? Files.readString(namespaceFile, StandardCharsets.UTF_8).trim() : "default";
      String server = "https://" + env.get("KUBERNETES_SERVICE_HOST") + ":" + env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
      String text = "apiVersion: v1\nkind: Config\n"
          + "clusters:\n- name: in-cluster\n  cluster:\n    server: " + server + "\n    certificate-authority: "
          + serviceAccountDir.resolve("ca.crt") + "\n"
          + "users:\n- name: in-cluster\n  user:\n    token: " + token + "\n"
          + "contexts:\n- name: in-cluster\n  context:\n    cluster: in-cluster\n    user: in-cluster\n    namespace: "
          + namespace + "\n"
          + "current-context: in-cluster\n";
      return new Kubeconfig(text, Optional.empty(), "the pod's service account (" + server + ")");
    } catch (IOException e) {
      throw new PullplanException(owner + ": no kubeconfig, and the pod's service account token in " + serviceAccountDir
          + " cannot be read (" + IoFailure.describe(e) + "); mount it or set KUBECONFIG");
    }
  }

  public static Kubeconfig read(Path file, String owner) {
    try {
      return new Kubeconfig(Files.readString(file, StandardCharsets.UTF_8), Optional.of(file), "kubeconfig " + file);
    } catch (IOException e) {
      throw new PullplanException(owner + ": cannot read kubeconfig " + file + " (" + IoFailure.describe(e) + ")");
    }
  }

  /** A client configuration for {@code context} (else the current one), with pullplan's timeouts. */
  public Config clientConfig(Optional<String> context, String owner) {
    Parsed parsed = parsed(owner);
    context.ifPresent(wanted -> {
      if (!parsed.contextNames().contains(wanted)) {
        throw new PullplanException(owner + ": context \"" + wanted + "\" is not in " + origin + " (it has: "
            + (parsed.contextNames().isEmpty() ? "no contexts" : String.join(", ", parsed.contextNames())) + ")");
      }
    });
    Config config = Config.empty();
    try {
      // what Config.fromKubeconfig does, on the model parsed once: merge marks the model's contexts
      // with the files they came from, so merges of one model take turns
      synchronized (parsed.model()) {
        KubeConfigUtils.merge(config, context.orElse(null), parsed.model());
      }
    } catch (KubernetesClientException e) {
      throw new PullplanException(owner + ": cannot use " + origin + ": " + e.getMessage());
    }
    if (!Utils.getSystemPropertyOrEnvVar(Config.KUBERNETES_DISABLE_AUTO_CONFIG_SYSTEM_PROPERTY, false)) {
      Config.configFromSysPropsOrEnvVars(config);
    }
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestRetryBackoffLimit(RETRIES);
    config.setRequestRetryBackoffInterval(RETRY_INTERVAL_MS);
    config.setMaxConcurrentRequestsPerHost(MAX_REQUESTS_PER_HOST);
    config.setMaxConcurrentRequests(4 * MAX_REQUESTS_PER_HOST);
    return config;
  }

  /** A kubeconfig's model and context names, for the text and file it was parsed from. */
  private record Parsed(String text, Optional<Path> path, io.fabric8.kubernetes.api.model.Config model,
      List<String> contextNames) {}

  /**
   * The kubeconfig parsed last: a fleet's clusters share one file, and parsing it once per cluster
   * made connecting C clusters cost C parses of a C-context file.
   */
  private static final java.util.concurrent.atomic.AtomicReference<Parsed> LAST_PARSED =
      new java.util.concurrent.atomic.AtomicReference<>();

  private Parsed parsed(String owner) {
    Parsed last = LAST_PARSED.get();
    if (last != null && last.text().equals(text) && last.path().equals(path)) {
      return last;
    }
    if (text.isBlank()) {
      throw new PullplanException(owner + ": " + origin + " is empty");
    }
    io.fabric8.kubernetes.api.model.Config model = parse(owner);
    List<NamedContext> contexts = model.getContexts();
    Parsed parsed = new Parsed(text, path, model,
        contexts == null ? List.of() : contexts.stream().map(NamedContext::getName).toList());
    LAST_PARSED.set(parsed);
    return parsed;
  }

  /** From the file when there is one, so that the certificate and token files it names resolve beside it. */
  private io.fabric8.kubernetes.api.model.Config parse(String owner) {
    io.fabric8.kubernetes.api.model.Config model;
    try {
      model = path.isPresent()
          ? KubeConfigUtils.parseConfig(path.get().toFile()) : KubeConfigUtils.parseConfigFromString(text);
    } catch (RuntimeException e) {
      throw new PullplanException(owner + ": " + origin + " is not a valid kubeconfig");
    }
    if (model == null) {
      throw new PullplanException(owner + ": " + origin + " is empty");
    }
    return model;
  }

  private static Path expandHome(String path, Map<String, String> env) {
    return path.equals("~") || path.startsWith("~/") ? home(env).resolve(path.substring(Math.min(2, path.length())))
        : Path.of(path);
  }

  private static Path home(Map<String, String> env) {
    return Path.of(Optional.ofNullable(env.get("HOME")).orElseGet(() -> System.getProperty("user.home")));
  }

  /** Never the text: a kubeconfig holds tokens and keys. */
  @Override
  public String toString() {
    return origin;
  }
}
