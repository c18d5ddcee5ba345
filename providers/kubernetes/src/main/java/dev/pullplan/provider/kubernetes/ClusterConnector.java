package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.model.Cluster;
import dev.pullplan.spi.ClusterCredentials;
import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the client of a {@code cluster} block: its {@code kubeconfig} and {@code context}, else
 * {@code KUBECONFIG} from the run's environment, else {@code ~/.kube/config} with its current
 * context; an AKS cluster with neither gets its kubeconfig from {@link ClusterCredentials}.
 */
final class ClusterConnector {
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  /** fabric8 retries 10 times by default: an unreachable cluster would stall the whole plan. */
  private static final int RETRIES = 1;

  private final RunContext run;

  ClusterConnector(RunContext run) {
    this.run = run;
  }

  ClusterConnection connect(String clusterName) {
    Cluster cluster = run.stack().cluster(clusterName);
    if (cluster == null) {
      throw new PullplanException("there is no cluster block named \"" + clusterName + "\"");
    }
    Kubeconfig kubeconfig = kubeconfigOf(cluster);
    List<NamedContext> contexts = parse(cluster, kubeconfig).getContexts();
    cluster.context().ifPresent(wanted -> {
      if (contexts == null || contexts.stream().noneMatch(c -> wanted.equals(c.getName()))) {
        throw new PullplanException("cluster \"" + cluster.name() + "\": context \"" + wanted + "\" is not in "
            + kubeconfig.origin() + " (it has: " + names(contexts) + ")");
      }
    });
    Config config;
    try {
      config = Config.fromKubeconfig(cluster.context().orElse(null), kubeconfig.text(),
          kubeconfig.path().map(Path::toString).orElse(null));
    } catch (KubernetesClientException e) {
      throw new PullplanException("cluster \"" + cluster.name() + "\": cannot use " + kubeconfig.origin()
          + ": " + e.getMessage());
    }
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestRetryBackoffLimit(RETRIES);
    String context = config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName();
    String server = config.getMasterUrl().replaceAll("/+$", "");
    return new ClusterConnection(cluster.name(), context, server,
        new KubernetesClientBuilder().withConfig(config).build(), run);
  }

  private static io.fabric8.kubernetes.api.model.Config parse(Cluster cluster, Kubeconfig kubeconfig) {
    try {
      return KubeConfigUtils.parseConfigFromString(kubeconfig.text());
    } catch (RuntimeException e) {
      throw new PullplanException("cluster \"" + cluster.name() + "\": " + kubeconfig.origin()
          + " is not a valid kubeconfig");
    }
  }

  private static String names(List<NamedContext> contexts) {
    return contexts == null || contexts.isEmpty() ? "no contexts"
        : String.join(", ", contexts.stream().map(NamedContext::getName).toList());
  }

  private Kubeconfig kubeconfigOf(Cluster cluster) {
    if (cluster.kubeconfig().isPresent()) {
      return read(cluster, run.stack().dir().resolve(expandHome(cluster.kubeconfig().get())));
    }
    if (cluster.isAks() && cluster.context().isEmpty()) {
      return run.service(ClusterCredentials.class)
          .flatMap(source -> source.kubeconfig(cluster))
          .map(text -> new Kubeconfig(text, Optional.empty(), "the AKS user credential of cluster \"" + cluster.name() + "\""))
          .orElseThrow(() -> new PullplanException("cluster \"" + cluster.name() + "\" is an AKS cluster without"
              + " kubeconfig: its credentials come from the azure provider, which could not provide them in this"
              + " run; configure the azure provider, or set kubeconfig/context in the cluster block"));
    }
    Optional<String> fromEnv = Optional.ofNullable(run.environment().get("KUBECONFIG"))
        .flatMap(list -> List.of(list.split(File.pathSeparator)).stream().filter(s -> !s.isBlank()).findFirst());
    return read(cluster, fromEnv.map(Path::of).orElseGet(() -> home().resolve(".kube").resolve("config")));
  }

  private Path expandHome(String path) {
    return path.equals("~") || path.startsWith("~/") ? home().resolve(path.substring(Math.min(2, path.length())))
        : Path.of(path);
  }

  private Path home() {
    return Path.of(Optional.ofNullable(run.environment().get("HOME")).orElseGet(() -> System.getProperty("user.home")));
  }

  private static Kubeconfig read(Cluster cluster, Path file) {
    try {
      return new Kubeconfig(Files.readString(file, StandardCharsets.UTF_8), Optional.of(file), "kubeconfig " + file);
    } catch (IOException e) {
      throw new PullplanException("cluster \"" + cluster.name() + "\": cannot read kubeconfig " + file
          + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A kubeconfig's text, the file it came from if any, and how to name it in messages. */
  private record Kubeconfig(String text, Optional<Path> path, String origin) {
    @Override
    public String toString() {
      return origin;
    }
  }
}
