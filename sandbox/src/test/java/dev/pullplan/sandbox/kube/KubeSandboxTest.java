package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeSandboxTest {
  private static KubeSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.seeded(KubeSeed.defaultSeed());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aClientOfferingTheCleartextUpgradeToHttp2IsAnsweredInHttp11AsATlsOnlyApiServerDoes() throws Exception {
    java.net.http.HttpClient preferringHttp2 = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_2).build();

    java.net.http.HttpResponse<String> answer = preferringHttp2.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(sandbox.serverUrl("aks-dev") + "/api/v1/namespaces")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(answer.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
  }

  @Test
  void controllerCreatesTheDefaultServiceAccountOfANewNamespace() throws Exception {
    KubernetesClient client = sandbox.client("aks-dev");
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fresh").endMetadata().build())
        .create();

    ServiceAccount sa = poll(() -> client.serviceAccounts().inNamespace("fresh").withName("default").get());

    assertThat(sa).isNotNull();
  }

  @Test
  void controllerRecreatesADeletedDefaultServiceAccount() throws Exception {
    KubernetesClient client = sandbox.client("aks-dev");
    client.serviceAccounts().inNamespace("jobs").withName("default").delete();

    ServiceAccount sa = poll(() -> client.serviceAccounts().inNamespace("jobs").withName("default").get());

    assertThat(sa).isNotNull();
  }

  @Test
  void defaultSeedPutsAForeignEntryOnTheEdgeDefaultServiceAccount() {
    ServiceAccount sa = sandbox.client("partner").serviceAccounts().inNamespace("edge").withName("default").get();

    assertThat(sa.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("legacy-pull");
  }

  @Test
  void defaultSeedPutsTheNamespacesOnTheirClusters() {
    assertThat(sandbox.client("aks-dev").namespaces().list().getItems())
        .extracting(n -> n.getMetadata().getName()).contains("apps", "jobs").doesNotContain("edge");
    assertThat(sandbox.client("partner").namespaces().withName("edge").get().getMetadata().getLabels())
        .containsEntry("team", "edge");
  }

  @Test
  void kubeconfigReachesEachClusterThroughItsContext(@TempDir Path dir) throws Exception {
    Path file = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
    Config config = Config.fromKubeconfig("partner", Files.readString(file), file.toString());

    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThat(client.namespaces().withName("robotics").get()).isNotNull();
      assertThat(client.namespaces().withName("apps").get()).isNull();
    }
  }

  @Test
  void injectedFaultAnswersWithItsStatusUntilCleared() {
    sandbox.inject("partner", KubeFault.forbidden("GET", "/api/v1/secrets"));
    try {
      assertThatThrownBy(() -> sandbox.client("partner").secrets().inAnyNamespace().list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    } finally {
      sandbox.clearFaults("partner");
    }
    assertThat(sandbox.client("partner").secrets().inAnyNamespace().list().getItems()).hasSize(1);
  }

  private static <T> T poll(java.util.function.Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    T value = probe.get();
    while (value == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
      value = probe.get();
    }
    return value;
  }

  @Test
  void startsOneServerPerClusterOnDistinctPorts() {
    try (KubeSandbox two = KubeSandbox.start(List.of("a", "b"))) {
      assertThat(two.serverUrl("a")).isNotEqualTo(two.serverUrl("b")).startsWith("http://127.0.0.1:");
    }
  }
}
