package dev.pullplan.provider.kubernetes;

import dev.pullplan.address.Address;
import dev.pullplan.expand.Expander;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Cluster;
import dev.pullplan.plan.Locators;
import dev.pullplan.sandbox.kube.KubeSandbox;
import dev.pullplan.sandbox.kube.KubeSeed;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Lifecycle;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A seeded sandbox ({@code aks-dev}, {@code partner}), a kubeconfig for it, and the resources a
 * partner access expands into, for calling the SPI the way the engine does.
 */
final class KubeFixture implements AutoCloseable {
  static final String SERVER = "ghcr.io";
  static final String PASSWORD = "s3cr3t-Pa55word";
  static final String STACK = "fleet";

  final KubeSandbox sandbox;
  final Path dir;
  final Path kubeconfig;

  KubeFixture(Path dir) {
    this.sandbox = KubeSandbox.seeded(KubeSeed.defaultSeed());
    this.dir = dir;
    this.kubeconfig = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
  }

  RecordingRun run() {
    return RecordingRun.withContexts(dir, kubeconfig, "aks-dev", "partner");
  }

  static KubernetesSession session(RunContext run) {
    return new KubernetesSession(run, Duration.ofSeconds(5));
  }

  static ApplyContext apply(RunContext run) {
    return new ApplyContext() {
      @Override
      public RunContext run() {
        return run;
      }

      @Override
      public Map<Address, ResourceState> dependencies() {
        return Map.of();
      }
    };
  }

  static Desired secret(String cluster, String namespace, String name, String username, String password) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("cluster", cluster);
    a.put(Expander.CLUSTER_CONNECTION, connection(cluster));
    a.put("namespace", namespace);
    a.put("name", name);
    a.put("server", SERVER);
    a.put("username", username);
    a.put("stack", STACK);
    return new Desired(Address.keyed("access", "partner", ResourceTypes.K8S_SECRET, namespace),
        ResourceTypes.K8S_SECRET, a, Map.of("password", password), Lifecycle.NONE);
  }

  static Desired saEntry(String cluster, String namespace, String serviceAccount, String secret) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("cluster", cluster);
    a.put(Expander.CLUSTER_CONNECTION, connection(cluster));
    a.put("namespace", namespace);
    a.put("service_account", serviceAccount);
    a.put("secret_name", secret);
    a.put("stack", STACK);
    return new Desired(Address.keyed("access", "partner", ResourceTypes.K8S_SA_PULL_SECRET,
        namespace + "/" + serviceAccount), ResourceTypes.K8S_SA_PULL_SECRET, a, Map.of(), Lifecycle.NONE);
  }

  static Desired namespace(String cluster, String name, Map<String, String> labels) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("cluster", cluster);
    a.put(Expander.CLUSTER_CONNECTION, connection(cluster));
    a.put("name", name);
    a.put("labels", labels);
    a.put("stack", STACK);
    return new Desired(Address.of("namespace", name, ResourceTypes.K8S_NAMESPACE), ResourceTypes.K8S_NAMESPACE, a,
        Map.of(), Lifecycle.NONE);
  }

  /** How the fixture's kubeconfig, in the run's directory, reaches the context named like the cluster. */
  static Map<String, Object> connection(String cluster) {
    return Map.of("kubeconfig", "kubeconfig", "context", cluster);
  }

  /** The same resource as a config whose block of its cluster is {@code cluster} hands it. */
  static Desired reaching(Desired d, Cluster cluster) {
    Map<String, Object> a = new LinkedHashMap<>(d.attributes());
    a.put(Expander.CLUSTER_CONNECTION, Expander.connection(cluster));
    return new Desired(d.address(), d.type(), a, d.sensitive(), d.lifecycle());
  }

  /** The same resource as another stack's config asks for it: same address, other {@code stack}. */
  static Desired inStack(Desired d, String stack) {
    Map<String, Object> a = new LinkedHashMap<>(d.attributes());
    a.put("stack", stack);
    return new Desired(d.address(), d.type(), a, d.sensitive(), d.lifecycle());
  }

  static ReadRequest readNew(Desired d) {
    return new ReadRequest(d.address(), d.type(), Optional.of(d), Optional.empty());
  }

  static ReadRequest read(Desired d, ResourceState prior) {
    return new ReadRequest(d.address(), d.type(), Optional.of(d), Optional.of(prior));
  }

  static ReadRequest readForDelete(ResourceState prior) {
    return new ReadRequest(prior.address(), prior.type(), Optional.empty(), Optional.of(prior));
  }

  /** What the engine records after applying {@code d}: with how to reach its cluster. */
  static ResourceState state(Desired d, Applied applied) {
    return new ResourceState(d.address(), d.type(), "kubernetes", applied.id(), Locators.carried(
        Set.of(Expander.CLUSTER_CONNECTION), applied.attributes(), Optional.empty(), Optional.of(d.attributes())),
        applied.sensitive(), List.of());
  }

  static Observed.Present present(Observed o) {
    if (o instanceof Observed.Present p) {
      return p;
    }
    throw new AssertionError("expected Present, got " + o);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
