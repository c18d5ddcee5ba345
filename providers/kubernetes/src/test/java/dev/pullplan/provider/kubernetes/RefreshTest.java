package dev.pullplan.provider.kubernetes;

import static dev.pullplan.provider.kubernetes.KubeFixture.PASSWORD;
import static dev.pullplan.provider.kubernetes.KubeFixture.reaching;
import static dev.pullplan.provider.kubernetes.KubeFixture.apply;
import static dev.pullplan.provider.kubernetes.KubeFixture.present;
import static dev.pullplan.provider.kubernetes.KubeFixture.readForDelete;
import static dev.pullplan.provider.kubernetes.KubeFixture.readNew;
import static dev.pullplan.provider.kubernetes.KubeFixture.saEntry;
import static dev.pullplan.provider.kubernetes.KubeFixture.secret;
import static dev.pullplan.provider.kubernetes.KubeFixture.session;
import static dev.pullplan.provider.kubernetes.KubeFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pullplan.PullplanException;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Cluster;
import dev.pullplan.sandbox.kube.KubeFault;
import dev.pullplan.spi.ClusterCredentials;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.NamespaceInventory;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.Provider;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshTest {
  @TempDir Path dir;
  private KubeFixture fx;

  @BeforeEach
  void start() {
    fx = new KubeFixture(dir);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aRefreshOver200NamespacesMakesAsManyCallsAsOneOver2() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      names.add("team-" + i);
      fx.sandbox.client("aks-dev").namespaces().resource(new NamespaceBuilder()
          .withNewMetadata().withName("team-" + i).endMetadata().build()).create();
    }
    RecordingRun setup = fx.run();
    try (KubernetesSession s = session(setup)) {
      for (String ns : names) {
        s.handler(ResourceTypes.K8S_SECRET).create(secret("aks-dev", ns, "pull", "robot", PASSWORD), apply(setup));
      }
    }

    int two = refreshCalls(names.subList(0, 2));
    int all = refreshCalls(names);

    assertThat(all).isEqualTo(two).isLessThanOrEqualTo(3);
  }

  private int refreshCalls(List<String> namespaces) {
    RecordingRun run = fx.run();
    List<ReadRequest> reads = new ArrayList<>();
    for (String ns : namespaces) {
      reads.add(readNew(secret("aks-dev", ns, "pull", "robot", PASSWORD)));
      reads.add(readNew(saEntry("aks-dev", ns, "default", "pull")));
    }
    try (KubernetesSession s = session(run)) {
      s.prefetch(reads);
      reads.forEach(r -> assertThat(s.handler(r.type()).read(r)).isNotInstanceOf(Observed.Unreadable.class));
      s.service(NamespaceInventory.class).orElseThrow().namespacesMatching(fx.run().stack().cluster("aks-dev"), Map.of());
    }
    return run.totalCalls();
  }

  @Test
  void applyingUpdatesAfterARefreshListsNothingMore() {
    RecordingRun run = fx.run();
    List<Desired> wanted = List.of(secret("aks-dev", "apps", "pull", "robot", PASSWORD),
        secret("aks-dev", "jobs", "pull", "robot", PASSWORD));
    List<ResourceState> priors = new ArrayList<>();
    try (KubernetesSession s = session(run)) {
      wanted.forEach(d -> priors.add(state(d, s.handler(ResourceTypes.K8S_SECRET).create(d, apply(run)))));
    }
    RecordingRun next = fx.run();

    try (KubernetesSession s = session(next)) {
      List<Desired> rotated = List.of(secret("aks-dev", "apps", "pull", "robot", "new"),
          secret("aks-dev", "jobs", "pull", "robot", "new"));
      s.prefetch(rotated.stream().map(KubeFixture::readNew).toList());
      for (int i = 0; i < rotated.size(); i++) {
        s.handler(ResourceTypes.K8S_SECRET).update(rotated.get(i), priors.get(i), apply(next));
      }
    }

    assertThat(next.calls("kubernetes: list secrets")).isEqualTo(1);
    assertThat(next.calls("kubernetes: update secrets")).isEqualTo(2);
  }

  @Test
  void applyingSecretsAndServiceAccountEntriesAfterARefreshGetsNothing() {
    RecordingRun run = fx.run();
    List<Desired> secrets = List.of(secret("aks-dev", "apps", "pull", "robot", PASSWORD),
        secret("aks-dev", "jobs", "pull", "robot", PASSWORD));
    List<Desired> entries = List.of(saEntry("aks-dev", "apps", "default", "pull"),
        saEntry("aks-dev", "jobs", "default", "pull"), saEntry("aks-dev", "apps", "default", "other-pull"));

    try (KubernetesSession s = session(run)) {
      s.prefetch(java.util.stream.Stream.concat(secrets.stream(), entries.stream()).map(KubeFixture::readNew).toList());
      run.calls.clear();
      // each write puts its answer into the snapshot: the next change in the cluster, even to the same account, starts from it
      for (Desired d : secrets) {
        s.handler(ResourceTypes.K8S_SECRET).create(d, apply(run));
      }
      for (Desired d : entries) {
        s.handler(ResourceTypes.K8S_SA_PULL_SECRET).create(d, apply(run));
      }
    }

    assertThat(run.calls("kubernetes: get secrets")).isZero();
    assertThat(run.calls("kubernetes: get serviceaccounts")).isZero();
    assertThat(run.calls("kubernetes: create secrets")).isEqualTo(2);
    assertThat(run.calls("kubernetes: update serviceaccounts")).isEqualTo(3);
    assertThat(fx.sandbox.client("aks-dev").serviceAccounts().inNamespace("apps").withName("default").get()
        .getImagePullSecrets()).extracting(r -> r.getName()).contains("pull", "other-pull");
  }

  @Test
  void aForbiddenListIsUnreadableNamingClusterContextServerAndActionWhileOtherClustersRead() {
    fx.sandbox.inject("partner", KubeFault.forbidden("GET", "/api/v1/secrets"));
    fx.sandbox.inject("partner", KubeFault.forbidden("GET", "/api/v1/namespaces/edge/secrets"));
    RecordingRun run = fx.run();
    ReadRequest partnerRead = readNew(secret("partner", "edge", "pull", "robot", PASSWORD));
    ReadRequest devRead = readNew(secret("aks-dev", "apps", "pull", "robot", PASSWORD));

    try (KubernetesSession s = session(run)) {
      s.prefetch(List.of(partnerRead, devRead));

      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(partnerRead)).isInstanceOfSatisfying(Observed.Unreadable.class,
          u -> assertThat(u.message()).startsWith("cluster \"partner\" (context partner, " + fx.sandbox.serverUrl("partner")
              + "): list secrets in namespace edge is forbidden: Kubernetes RBAC refused"));
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(devRead)).isInstanceOf(Observed.Absent.class);
    }
  }

  @Test
  void secretsAreListedPerNamespaceWhenListingThemClusterWideIsForbiddenAndTheRunIsToldOnce() {
    fx.sandbox.inject("partner", KubeFault.forbidden("GET", "/api/v1/secrets"));
    RecordingRun run = fx.run();
    List<ReadRequest> reads = List.of(readNew(secret("partner", "edge", "legacy-pull", "robot", PASSWORD)),
        readNew(secret("partner", "robotics", "pull", "robot", PASSWORD)));

    try (KubernetesSession s = session(run)) {
      s.prefetch(reads);

      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(reads.get(0))).isNotInstanceOf(Observed.Unreadable.class)
          .isNotInstanceOf(Observed.Absent.class);
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(reads.get(1))).isInstanceOf(Observed.Absent.class);
    }
    assertThat(run.calls("kubernetes: list secrets")).isEqualTo(3);
    assertThat(run.progress).filteredOn(l -> l.contains("listing secrets in all namespaces is forbidden"))
        .singleElement().asString().contains("cluster \"partner\"", "one namespace at a time");
  }

  @Test
  void aUserWithRightsInSomeNamespacesOnlyReadsSecretsAndServiceAccountsThere() {
    fx.sandbox.limitUserToNamespaces("partner", List.of("edge", "robotics"));
    RecordingRun run = fx.run();
    List<ReadRequest> reads = List.of(readNew(secret("partner", "edge", "legacy-pull", "robot", PASSWORD)),
        readNew(secret("partner", "robotics", "pull", "robot", PASSWORD)),
        readNew(saEntry("partner", "edge", "default", "legacy-pull")));

    try (KubernetesSession s = session(run)) {
      s.prefetch(reads);

      // edge/legacy-pull is Helm's: seen, and foreign; robotics has none; the entry is listed
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(reads.get(0))).isInstanceOf(Observed.Foreign.class);
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(reads.get(1))).isInstanceOf(Observed.Absent.class);
      assertThat(s.handler(ResourceTypes.K8S_SA_PULL_SECRET).read(reads.get(2))).isInstanceOf(Observed.Present.class);
    } finally {
      fx.sandbox.clearNamespaceLimit("partner");
    }
  }

  @Test
  void expiredCredentialsSaySo() {
    fx.sandbox.inject("partner", KubeFault.unauthorized("GET", "/api/v1/serviceaccounts"));
    ReadRequest r = readNew(saEntry("partner", "edge", "default", "pull"));

    try (KubernetesSession s = session(fx.run())) {
      assertThat(s.handler(ResourceTypes.K8S_SA_PULL_SECRET).read(r)).isInstanceOfSatisfying(Observed.Unreadable.class,
          u -> assertThat(u.message()).startsWith("cluster \"partner\" (context partner, ")
              .contains("list serviceaccounts in all namespaces was refused", "expired", "401"));
    }
  }

  @Test
  void serviceAccountsAreListedPerNamespaceWhenListingThemClusterWideIsForbidden() {
    fx.sandbox.inject("partner", KubeFault.forbidden("GET", "/api/v1/serviceaccounts"));
    RecordingRun run = fx.run();
    List<ReadRequest> reads = List.of(readNew(saEntry("partner", "edge", "default", "legacy-pull")),
        readNew(saEntry("partner", "robotics", "default", "pull")));

    try (KubernetesSession s = session(run)) {
      s.prefetch(reads);

      assertThat(s.handler(ResourceTypes.K8S_SA_PULL_SECRET).read(reads.get(0))).isInstanceOf(Observed.Present.class);
      assertThat(s.handler(ResourceTypes.K8S_SA_PULL_SECRET).read(reads.get(1))).isInstanceOf(Observed.Absent.class);
    }
    assertThat(run.calls("kubernetes: list serviceaccounts")).isEqualTo(3);
  }

  @Test
  void anUnreachableClusterIsUnreadableWithTheReason() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path kubeconfig = withPartnerAt("gone", "http://127.0.0.1:" + closedPort);
    RecordingRun run = RecordingRun.withContexts(dir, kubeconfig, "partner");

    try (KubernetesSession s = session(run)) {
      assertThat(s.handler(ResourceTypes.K8S_SECRET)
              .read(readNew(reaching(secret("partner", "edge", "p", "u", PASSWORD), run.stack().cluster("partner")))))
          .isInstanceOfSatisfying(Observed.Unreadable.class, u -> assertThat(u.message())
              .contains("cluster \"partner\"", "127.0.0.1:" + closedPort, "cannot reach the API server"));
    }
  }

  @Test
  void aListWhoseAnswerStallsAfterItsHeadersFailsNamingClusterAndCallInsteadOfWaitingForever() throws Exception {
    try (StallingApiServer stalling = new StallingApiServer()) {
      assertThat(listingPartnerNamespacesAt("stalling", stalling.url()))
          .hasMessageStartingWith("cluster \"partner\" (context partner, " + stalling.url()
              + "): list namespaces did not answer within 1s: the API server began its answer and then sent"
              + " nothing more");
    }
  }

  @Test
  void aPrefetchGivesUpOnAClusterWhoseAnswerNeverEndsNamingItOnceNoCallEndedForLongerThanAnyCallTakes()
      throws Exception {
    try (StallingApiServer trickling = StallingApiServer.trickling(Duration.ofMillis(200))) {
      assertTimeoutPreemptively(Duration.ofSeconds(40), () -> assertThatThrownBy(() -> prefetchBesideHealthy(trickling))
          .isInstanceOf(PullplanException.class)
          .hasMessage("reading the clusters: cluster \"partner\" did not finish, and no call to a cluster ended for"
              + " 9s, longer than any call takes while its deadlines hold: pullplan stopped waiting for it"
              + " (a connection or call stuck outside those deadlines)"));
    }
  }

  @Test
  void theThreadsThatReadTheClustersAreDaemonsSoThatOneStuckForGoodDoesNotKeepTheProcessAlive() throws Exception {
    try (StallingApiServer trickling = StallingApiServer.trickling(Duration.ofMillis(200))) {
      Thread prefetch = new Thread(() -> {
        try {
          prefetchBesideHealthy(trickling);
        } catch (Exception givenUp) {
          // how the wait ends is the test above's
        }
      });
      prefetch.start();

      assertThat(threadsNamed("pullplan reading the clusters ", Duration.ofSeconds(5)))
          .isNotEmpty().allMatch(Thread::isDaemon);
      prefetch.join(Duration.ofSeconds(40).toMillis());
    }
  }

  /** The live threads whose names start with {@code prefix}, once there is one (or {@code within} passed). */
  private static List<Thread> threadsNamed(String prefix, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    List<Thread> found = List.of();
    while (found.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(50);
      found = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
    }
    return found;
  }

  /** The sandbox's kubeconfig, written to {@code name}, with partner's API server at {@code url}. */
  private Path withPartnerAt(String name, String url) throws java.io.IOException {
    return Files.writeString(dir.resolve(name), fx.sandbox.kubeconfig().replace(fx.sandbox.serverUrl("partner"), url));
  }

  /**
   * What listing partner's namespaces fails with, partner's API server at {@code url}, with a 1 s
   * answer limit; within 30 s, not forever.
   */
  private PullplanException listingPartnerNamespacesAt(String name, String url) throws Exception {
    RecordingRun run = RecordingRun.withContexts(dir, withPartnerAt(name, url), "partner");
    Cluster partner = run.stack().cluster("partner");
    try (KubernetesSession s = new KubernetesSession(run, Duration.ofSeconds(5), Duration.ofSeconds(1))) {
      NamespaceInventory inventory = s.service(NamespaceInventory.class).orElseThrow();
      return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> org.junit.jupiter.api.Assertions.assertThrows(
          PullplanException.class, () -> inventory.namespacesMatching(partner, Map.of("team", "edge"))));
    }
  }

  /** Prefetches a Secret in the healthy aks-dev and one in partner, which {@code partnerServer} serves, with a 1 s answer limit. */
  private void prefetchBesideHealthy(StallingApiServer partnerServer) throws Exception {
    Path kubeconfig = withPartnerAt("trickling", partnerServer.url());
    RecordingRun run = RecordingRun.withContexts(dir, kubeconfig, "aks-dev", "partner");
    try (KubernetesSession s = new KubernetesSession(run, Duration.ofSeconds(5), Duration.ofSeconds(1))) {
      s.prefetch(List.of(
          readNew(reaching(secret("aks-dev", "apps", "pull", "robot", PASSWORD), run.stack().cluster("aks-dev"))),
          readNew(reaching(secret("partner", "edge", "pull", "robot", PASSWORD), run.stack().cluster("partner")))));
    }
  }

  @Test
  void aListToAServerThatAcceptsAndNeverAnswersSaysSoInsteadOfCannotReach() throws Exception {
    try (SilentApiServer silent = new SilentApiServer()) {
      assertThat(listingPartnerNamespacesAt("silent", silent.url()))
          .hasMessage("cluster \"partner\" (context partner, " + silent.url() + "): list namespaces got no"
              + " answer: the API server accepted the connection but did not answer within 1s (a hung API"
              + " server, or a proxy/load balancer with no backend); pullplan gave up after up to 5 tries");
      assertThat(silent.accepted()).isPositive();
    }
  }

  @Test
  void namespaceSelectorExpandsAndShrinksWithTheLabels() {
    Cluster aksDev = fx.run().stack().cluster("aks-dev");
    try (KubernetesSession s = session(fx.run())) {
      assertThat(s.service(NamespaceInventory.class).orElseThrow().namespacesMatching(aksDev, Map.of("team", "apps")))
          .containsExactly("apps", "jobs");
    }
    fx.sandbox.client("aks-dev").namespaces().resource(new NamespaceBuilder(
        fx.sandbox.client("aks-dev").namespaces().withName("jobs").get())
        .editMetadata().addToLabels("team", "batch").endMetadata().build()).update();

    try (KubernetesSession s = session(fx.run())) {
      assertThat(s.service(NamespaceInventory.class).orElseThrow().namespacesMatching(aksDev, Map.of("team", "apps")))
          .containsExactly("apps");
    }
  }

  @Test
  void aSecretOfANamespaceThatLeftTheSelectorStillReadsFromStateSoItCanBeDeleted() {
    RecordingRun run = fx.run();
    Desired d = secret("aks-dev", "jobs", "pull", "robot", PASSWORD);
    ResourceState prior;
    try (KubernetesSession s = session(run)) {
      prior = state(d, s.handler(ResourceTypes.K8S_SECRET).create(d, apply(run)));
    }

    try (KubernetesSession s = session(run)) {
      present(s.handler(ResourceTypes.K8S_SECRET).read(readForDelete(prior)));
      s.handler(ResourceTypes.K8S_SECRET).delete(prior, apply(run));
    }

    assertThat(fx.sandbox.client("aks-dev").secrets().inNamespace("jobs").withName("pull").get()).isNull();
  }

  @Test
  void theConfigsWayToAClusterWinsOverTheOneStateRecordedWhicheverObjectConnectsFirst() {
    RecordingRun run = fx.run();
    Desired kept = secret("partner", "edge", "pull", "robot", PASSWORD);
    Desired removed = secret("partner", "robotics", "pull", "robot", PASSWORD);
    ResourceState removedPrior;
    try (KubernetesSession s = session(run)) {
      s.handler(ResourceTypes.K8S_SECRET).create(kept, apply(run));
      removedPrior = state(removed, s.handler(ResourceTypes.K8S_SECRET).create(removed, apply(run)));
    }
    Map<String, Object> moved = new java.util.LinkedHashMap<>(removedPrior.attributes());
    moved.put(dev.pullplan.expand.Expander.CLUSTER_CONNECTION, Map.of("kubeconfig", "gone", "context", "partner"));
    ResourceState recordedElsewhere = removedPrior.withAttributes(moved, removedPrior.sensitive());

    try (KubernetesSession s = session(run)) {
      ReadRequest orphan = readForDelete(recordedElsewhere);
      s.prefetch(List.of(orphan, readNew(kept)));

      present(s.handler(ResourceTypes.K8S_SECRET).read(orphan));
    }
  }

  @Test
  void anAksClusterWithoutKubeconfigSaysItsCredentialsComeFromAzure() {
    RecordingRun run = new RecordingRun(dir, Map.of("dev", RecordingRun.aksCluster("dev")));

    try (KubernetesSession s = session(run)) {
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(readNew(reaching(secret("dev", "apps", "p", "u", PASSWORD), RecordingRun.aksCluster("dev")))))
          .isInstanceOfSatisfying(Observed.Unreadable.class, u -> assertThat(u.message())
              .startsWith("cluster \"dev\" is an AKS cluster without kubeconfig: its credentials come from the azure"
                  + " provider"));
    }
  }

  @Test
  void anAksClusterWithoutKubeconfigUsesTheCredentialsAnotherProviderOffers() {
    RecordingRun run = new RecordingRun(dir, Map.of("dev", RecordingRun.aksCluster("dev")));
    String kubeconfig = fx.sandbox.kubeconfig();
    run.services.put(ClusterCredentials.class, (ClusterCredentials) c -> Optional.of(kubeconfig));

    try (KubernetesSession s = session(run)) {
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(readNew(reaching(secret("dev", "apps", "p", "u", PASSWORD), RecordingRun.aksCluster("dev")))))
          .isInstanceOf(Observed.Absent.class);
    }
  }

  @Test
  void withoutKubeconfigInTheBlockTheKubeconfigEnvironmentVariableAndItsCurrentContextAreUsed() {
    RecordingRun run = new RecordingRun(dir,
        Map.of("partner", RecordingRun.cluster("partner", Optional.empty(), Optional.empty())));
    run.environment.put("KUBECONFIG", fx.kubeconfig.toString());

    try (KubernetesSession s = session(run)) {
      // current context is aks-dev, whose namespaces are apps and jobs
      assertThat(s.service(NamespaceInventory.class).orElseThrow()
          .namespacesMatching(run.stack().cluster("partner"), Map.of())).contains("apps").doesNotContain("edge");
    }
  }

  @Test
  void aContextThatIsNotInTheKubeconfigIsNamed() {
    RecordingRun run = new RecordingRun(dir, Map.of("x",
        RecordingRun.cluster("x", Optional.of(fx.kubeconfig.toString()), Optional.of("nope"))));

    try (KubernetesSession s = session(run)) {
      assertThatThrownBy(() -> s.service(NamespaceInventory.class).orElseThrow()
              .namespacesMatching(run.stack().cluster("x"), Map.of()))
          .hasMessageContaining("context \"nope\" is not in kubeconfig").hasMessageContaining("aks-dev, partner");
    }
  }

  @Test
  void theProviderIsFoundByServiceLoader() {
    assertThat(ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("kubernetes")).findFirst())
        .hasValueSatisfying(p -> assertThat(p.resourceTypes())
            .containsExactlyInAnyOrder("k8s_namespace", "k8s_secret", "k8s_sa_pull_secret"));
  }
}
