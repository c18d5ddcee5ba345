package dev.pullplan.provider.kubernetes;

import static dev.pullplan.provider.kubernetes.KubeFixture.PASSWORD;
import static dev.pullplan.provider.kubernetes.KubeFixture.reaching;
import static dev.pullplan.provider.kubernetes.KubeFixture.apply;
import static dev.pullplan.provider.kubernetes.KubeFixture.namespace;
import static dev.pullplan.provider.kubernetes.KubeFixture.saEntry;
import static dev.pullplan.provider.kubernetes.KubeFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Cluster;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Against a real API server (k3s): what the mock cannot show. ServiceAccount admission copies the
 * account's imagePullSecrets into pods created after pullplan added its entry; the real
 * controller manager creates the {@code default} account pullplan waits for.
 */
class K3sServiceAccountAdmissionTest {
  private static final DockerImageName K3S = DockerImageName.parse("rancher/k3s:v1.31.4-k3s1");

  @TempDir Path dir;

  @Test
  void aPodCreatedAfterTheEntryWasAddedCarriesTheSecret() throws Exception {
    boolean docker = DockerClientFactory.instance().isDockerAvailable();
    if (!docker) {
      System.err.println("K3sServiceAccountAdmissionTest skipped: no Docker engine on this machine");
    }
    Assumptions.assumeTrue(docker, "no Docker engine on this machine: the k3s suite needs one to run a real API server");

    try (K3sContainer k3s = new K3sContainer(K3S)) {
      k3s.start();
      Path kubeconfig = Files.writeString(dir.resolve("k3s.yaml"), k3s.getKubeConfigYaml());
      Cluster cluster = RecordingRun.cluster("k3s", Optional.of(kubeconfig.toString()), Optional.empty());
      RecordingRun run = new RecordingRun(dir, Map.of("k3s", cluster));
      try (KubernetesSession session = new KubernetesSession(run, Duration.ofSeconds(60))) {
        session.handler(ResourceTypes.K8S_NAMESPACE).create(reaching(namespace("k3s", "edge", Map.of()), cluster), apply(run));
        session.handler(ResourceTypes.K8S_SECRET).create(reaching(secret("k3s", "edge", "partner-pull", "robot", PASSWORD), cluster),
            apply(run));
        session.handler(ResourceTypes.K8S_SA_PULL_SECRET).create(reaching(saEntry("k3s", "edge", "default", "partner-pull"), cluster),
            apply(run));
      }

      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(null, k3s.getKubeConfigYaml(), null)).build()) {
        Pod pod = client.pods().inNamespace("edge").resource(new PodBuilder()
            .withNewMetadata().withName("probe").endMetadata()
            .withNewSpec().addNewContainer().withName("probe").withImage("ghcr.io/acme/probe:1").endContainer()
            .endSpec().build()).create();

        assertThat(pod.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName)
            .contains("partner-pull");
      }
    }
  }
}
