package dev.pullplan.sandbox.kube;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kubernetes API servers on loopback, one per cluster name: fabric8's mock server in CRUD mode as
 * the storage behind {@link KubeApiServer} (discovery, patches, admission and validation as a
 * real API server does them), a controller that gives every namespace its {@code default}
 * ServiceAccount, the built-in namespaces, injectable faults and namespace-only users. See
 * {@code sandbox/README.md} for what it still does not do.
 */
public final class KubeSandbox implements AutoCloseable {
  private static final Duration SEED_WAIT = Duration.ofSeconds(10);
  /** The mock logs every request at INFO through java.util.logging: noise in pullplan's output. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  /** The namespaces every cluster has from the start, as a new real cluster does. */
  public static final List<String> BUILT_IN_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final Map<String, SandboxCluster> clusters;

  private KubeSandbox(Map<String, SandboxCluster> clusters) {
    this.clusters = clusters;
  }

  /** Starts one empty API server per name on a free loopback port. */
  public static KubeSandbox start(List<String> clusterNames) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    clusterNames.forEach(n -> ports.put(n, 0));
    return start(ports);
  }

  /**
   * Starts one API server per name, on the given port (0: a free one), each holding what every
   * new cluster holds: the namespaces of {@link #BUILT_IN_NAMESPACES} with their {@code default}
   * ServiceAccounts.
   */
  public static KubeSandbox start(Map<String, Integer> ports) {
    Map<String, SandboxCluster> started = new LinkedHashMap<>();
    KubeSandbox sandbox = new KubeSandbox(started);
    try {
      ports.forEach((name, port) -> started.put(name, SandboxCluster.start(port)));
      for (String cluster : started.keySet()) {
        for (String ns : BUILT_IN_NAMESPACES) {
          sandbox.client(cluster).namespaces().resource(new NamespaceBuilder()
              .withNewMetadata().withName(ns).endMetadata()
              .build()).create();
        }
      }
      for (String cluster : started.keySet()) {
        for (String ns : BUILT_IN_NAMESPACES) {
          sandbox.awaitServiceAccount(cluster, ns, DefaultServiceAccountController.DEFAULT);
        }
      }
    } catch (RuntimeException e) {
      started.values().forEach(SandboxCluster::close);
      throw e;
    }
    return sandbox;
  }

  /** Starts the seed's clusters and fills them. */
  public static KubeSandbox seeded(KubeSeed seed) {
    KubeSandbox sandbox = start(List.copyOf(seed.clusters()));
    try {
      sandbox.seed(seed);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  public void seed(KubeSeed seed) {
    for (KubeSeed.SeedNamespace ns : seed.namespaces()) {
      Map<String, String> labels = ns.labels();
      Namespace existing = client(ns.cluster()).namespaces().withName(ns.name()).get();
      if (existing != null) {
        // a built-in namespace the seed gives labels to
        existing.getMetadata().getLabels().putAll(labels);
        client(ns.cluster()).namespaces().resource(existing).update();
        continue;
      }
      client(ns.cluster()).namespaces().resource(new NamespaceBuilder()
          .withNewMetadata().withName(ns.name()).withLabels(labels).endMetadata()
          .build()).create();
    }
    for (KubeSeed.SeedNamespace ns : seed.namespaces()) {
      awaitServiceAccount(ns.cluster(), ns.name(), DefaultServiceAccountController.DEFAULT);
    }
    for (KubeSeed.ForeignSecret s : seed.foreignSecrets()) {
      client(s.cluster()).secrets().inNamespace(s.namespace()).resource(new SecretBuilder()
          .withNewMetadata().withName(s.name()).withNamespace(s.namespace())
          .withLabels(Map.of("app.kubernetes.io/managed-by", "Helm")).endMetadata()
          .withType("kubernetes.io/dockerconfigjson")
          .withData(Map.of(".dockerconfigjson", base64(foreignDockerConfig(s.server()))))
          .build()).create();
    }
    for (KubeSeed.ForeignPullSecretEntry e : seed.foreignEntries()) {
      ServiceAccount sa = awaitServiceAccount(e.cluster(), e.namespace(), e.serviceAccount());
      List<LocalObjectReference> entries = new ArrayList<>(sa.getImagePullSecrets());
      entries.add(new LocalObjectReference(e.secretName()));
      sa.setImagePullSecrets(entries);
      client(e.cluster()).serviceAccounts().inNamespace(e.namespace()).resource(sa).update();
    }
    seed.pods().forEach(this::seedPod);
  }

  private void seedPod(KubeSeed.SeedPod p) {
    awaitServiceAccount(p.cluster(), p.namespace(), p.serviceAccount());
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(p.name()).withNamespace(p.namespace()).endMetadata()
        .withNewSpec().withServiceAccountName(p.serviceAccount()).withNodeName(KubeletReport.NODE)
        .addNewContainer().withName(KubeletReport.containerName(p)).withImage(p.image()).endContainer().endSpec()
        .withNewStatus().withPhase(p.state() == KubeSeed.PodState.RUNNING ? "Running" : "Pending")
        .withContainerStatuses(KubeletReport.containerStatus(p)).endStatus()
        .build();
    Pod created = client(p.cluster()).pods().inNamespace(p.namespace()).resource(pod).create();
    for (Event e : KubeletReport.events(p, created)) {
      client(p.cluster()).v1().events().inNamespace(p.namespace()).resource(e).create();
    }
  }

  /** The shape other tools commonly write: only {@code auth}, no username/password fields. */
  private static String foreignDockerConfig(String server) {
    return "{\"auths\":{\"" + server + "\":{\"auth\":\"" + base64("legacy:sandbox-not-a-secret") + "\"}}}";
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private ServiceAccount awaitServiceAccount(String cluster, String namespace, String name) {
    long deadline = System.nanoTime() + SEED_WAIT.toNanos();
    while (true) {
      ServiceAccount sa = client(cluster).serviceAccounts().inNamespace(namespace).withName(name).get();
      if (sa != null) {
        return sa;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("serviceaccount " + namespace + "/" + name + " in sandbox cluster "
            + cluster + " did not appear within " + SEED_WAIT.toSeconds() + " s");
      }
      sleep(Duration.ofMillis(50));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding the sandbox", e);
    }
  }

  public Set<String> clusterNames() {
    return clusters.keySet();
  }

  /** The API server URL of a cluster, e.g. {@code http://127.0.0.1:40123}. */
  public String serverUrl(String cluster) {
    return cluster(cluster).url();
  }

  /** A client for tests and seeding; closed with the sandbox. */
  public KubernetesClient client(String cluster) {
    return cluster(cluster).client;
  }

  /** Answers matching requests to that cluster with the fault until {@link #clearFaults}. */
  public void inject(String cluster, KubeFault fault) {
    cluster(cluster).dispatcher.inject(fault);
  }

  /**
   * The next {@code times} requests to that cluster with this method and path (query aside) that
   * succeed are served — a write is stored — and then answered 500, until {@link #clearFaults}: a
   * client that retries meets what its own first attempt did (a refused request, such as that
   * retry's 409, is answered as it is). The sandbox's own client is not affected.
   */
  public void loseAnswers(String cluster, String method, String path, int times) {
    cluster(cluster).dispatcher.loseAnswers(new LostAnswer(method, path, times));
  }

  /** Every cluster's API server takes its random faults from {@code injector} (the sandbox's own client excepted). */
  public void useFaults(dev.pullplan.sandbox.faults.FaultInjector injector) {
    clusters.values().forEach(c -> c.dispatcher.useFaults(injector));
  }

  /** From now on every cluster answers pullplan's requests {@code latency} later (0: at once). */
  public void latency(Duration latency) {
    clusters.values().forEach(c -> c.dispatcher.latency(latency));
  }

  /**
   * The requests clients other than the sandbox's own made since the last {@link #clearCalls}, by
   * {@code verb resource} (e.g. {@code list secrets}), summed over clusters.
   */
  public Map<String, Long> calls() {
    Map<String, Long> out = new java.util.TreeMap<>();
    clusters.values().forEach(c -> c.dispatcher.calls().forEach((k, v) -> out.merge(k, v, Long::sum)));
    return out;
  }

  public void clearCalls() {
    clusters.values().forEach(c -> c.dispatcher.clearCalls());
  }

  public void clearFaults(String cluster) {
    cluster(cluster).dispatcher.clearFaults();
  }

  /**
   * From now on the kubeconfig's user may act only inside these namespaces of the cluster, as
   * with RoleBindings there and no cluster-wide rights: listing across namespaces, and anything on
   * namespace objects or in other namespaces, is 403. The sandbox's {@link #client} is not limited.
   */
  public void limitUserToNamespaces(String cluster, java.util.Collection<String> namespaces) {
    cluster(cluster).dispatcher.limitUser(java.util.Optional.of(new NamespaceScope(Set.copyOf(namespaces))));
  }

  /** Gives the kubeconfig's user its cluster-wide rights back. */
  /**
   * Makes cluster {@code cluster} accept only bearer tokens {@code holder} knows (it answers who
   * holds one): the API of an AKS cluster with Entra ID and local accounts disabled, which takes
   * Entra tokens for the AKS server application and answers 401 to anything else.
   */
  public void acceptOnlyTokens(String cluster, java.util.function.Function<String, java.util.Optional<String>> holder) {
    cluster(cluster).dispatcher.authenticate(java.util.Optional.of(holder));
  }

  /**
   * The user kubeconfig AKS hands out for an Entra-only cluster: its user runs {@code kubelogin},
   * in the shape ARM generates (keys sorted, {@code users:} last), pointing at sandbox cluster
   * {@code cluster}.
   */
  public String kubeloginKubeconfig(String cluster, String aksName, String resourceGroup, String tenantId) {
    String user = "clusterUser_" + resourceGroup + "_" + aksName;
    return "apiVersion: v1\nclusters:\n- cluster:\n    server: " + serverUrl(cluster) + "\n  name: " + aksName + "\n"
        + "contexts:\n- context:\n    cluster: " + aksName + "\n    user: " + user + "\n  name: " + aksName + "\n"
        + "current-context: " + aksName + "\nkind: Config\npreferences: {}\nusers:\n"
        + "- name: " + user + "\n  user:\n    exec:\n"
        + "      apiVersion: client.authentication.k8s.io/v1beta1\n      args:\n      - get-token\n"
        + "      - --environment\n      - AzurePublicCloud\n      - --server-id\n"
        + "      - 6dae42f8-4368-4678-94ff-3960e28e3630\n      - --client-id\n"
        + "      - 80faf920-1908-4b52-b5ef-a8e7bedfc67a\n      - --tenant-id\n      - " + tenantId + "\n"
        + "      - --login\n      - devicecode\n      command: kubelogin\n      env: null\n"
        + "      installHint: install kubelogin\n      interactiveMode: IfAvailable\n      provideClusterInfo: false\n";
  }

  public void clearNamespaceLimit(String cluster) {
    cluster(cluster).dispatcher.limitUser(java.util.Optional.empty());
  }

  /**
   * A kubeconfig with one cluster, user and context per sandbox cluster, each named after it; the
   * current context is the first cluster. The token is a placeholder: the mock checks none.
   */
  public String kubeconfig() {
    return kubeconfig(clusters.keySet().iterator().next());
  }

  /** As {@link #kubeconfig()}, with {@code current} as the current context: an AKS cluster's user credential. */
  public String kubeconfig(String current) {
    StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
    clusters.forEach((name, c) -> y.append("- name: ").append(name).append("\n  cluster:\n    server: ")
        .append(c.url()).append('\n'));
    y.append("users:\n");
    clusters.keySet().forEach(name -> y.append("- name: ").append(name).append("\n  user:\n    token: sandbox\n"));
    y.append("contexts:\n");
    clusters.keySet().forEach(name -> y.append("- name: ").append(name).append("\n  context:\n    cluster: ")
        .append(name).append("\n    user: ").append(name).append("\n    namespace: default\n"));
    y.append("current-context: ").append(current).append('\n');
    return y.toString();
  }

  public Path writeKubeconfig(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, kubeconfig(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox kubeconfig to " + file, e);
    }
  }

  private SandboxCluster cluster(String name) {
    SandboxCluster c = clusters.get(name);
    if (c == null) {
      throw new IllegalArgumentException("the sandbox has no cluster " + name + " (it has " + clusters.keySet() + ")");
    }
    return c;
  }

  @Override
  public void close() {
    clusters.values().forEach(SandboxCluster::close);
  }

  private static final class SandboxCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubeApiServer dispatcher;
    private final KubernetesClient client;
    private final DefaultServiceAccountController controller;

    private SandboxCluster(KubernetesMockServer server, KubeApiServer dispatcher) {
      this.server = server;
      this.dispatcher = dispatcher;
      // the sandbox's own (admin) client says who it is: namespace limits are for everyone else
      this.client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
          new io.fabric8.kubernetes.client.ConfigBuilder(server.createClient().getConfiguration())
              .withUserAgent(KubeApiServer.ADMIN_AGENT).build()).build();
      this.controller = new DefaultServiceAccountController(client);
    }

    static SandboxCluster start(int port) {
      KubeApiServer dispatcher = new KubeApiServer();
      MockWebServer http = new MockWebServer();
      // A real API server speaks TLS only, so never upgrades cleartext to HTTP/2 (h2c). The mock's
      // h2c upgrade, raced by a new client's first requests side by side, once in a few thousand
      // LISTs left a stream with its headers and without its body: the JDK client waited forever.
      http.setHttp2ClearTextEnabled(false);
      KubernetesMockServer server = new KubernetesMockServer(new Context(), http, new HashMap<>(), dispatcher, false);
      server.init(InetAddress.getLoopbackAddress(), port);
      return new SandboxCluster(server, dispatcher);
    }

    String url() {
      return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    @Override
    public void close() {
      controller.close();
      client.close();
      try {
        server.destroy();
      } catch (IllegalStateException e) {
        // fabric8's mock (8.0) ends a watch by waiting on the server's event loop for the watch's
        // sender to stop (WatchEventsListener.onClosed awaits its executor: Vert.x's blocked-thread
        // warnings show it); once in a few runs, a watch closed just after a namespace was made holds
        // the loop past the server's 10 s close. A stopping sandbox must not fail for it; the loop
        // frees itself, and the port with it, when that wait ends
        System.err.println("sandbox: the API server on port " + server.getPort() + " was slow to close: a watch"
            + " ended with events still queued (" + e.getMessage() + ")");
      }
    }
  }
}
