package dev.pullplan.provider.kubernetes;

import static dev.pullplan.provider.kubernetes.KubeFixture.PASSWORD;
import static dev.pullplan.provider.kubernetes.KubeFixture.read;
import static dev.pullplan.provider.kubernetes.KubeFixture.readNew;
import static dev.pullplan.provider.kubernetes.KubeFixture.saEntry;
import static dev.pullplan.provider.kubernetes.KubeFixture.secret;
import static dev.pullplan.provider.kubernetes.KubeFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ResourceState;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadAuditTest {
  @TempDir Path dir;
  private KubeFixture fx;
  private KubernetesClient partner;

  @BeforeEach
  void start() {
    fx = new KubeFixture(dir);
    partner = fx.sandbox.client("partner");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void inPullSecretModeAWorkloadPullingFromTheRegistryWithoutTheSecretIsReported() {
    deployment("web", "ghcr.io/acme/web:1", null, "default");
    deployment("referenced", "ghcr.io/acme/api:1", "pull", "default");
    deployment("elsewhere", "docker.io/library/nginx:1", null, "default");
    RecordingRun run = fx.run();

    try (KubernetesSession s = session(run)) {
      s.prefetch(List.of(readNew(secret("partner", "edge", "pull", "robot", PASSWORD))));
    }

    assertThat(run.warnings).singleElement().satisfies(w -> assertThat(w)
        .startsWith("deployment edge/web in cluster \"partner\" pulls ghcr.io/acme/web:1")
        .contains("neither secret pull"));
    assertThat(run.calls("kubernetes: list deployments")).isEqualTo(1);
  }

  @Test
  void aWorkloadWhoseServiceAccountListsTheSecretIsFine() {
    partner.serviceAccounts().inNamespace("edge").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("builder").withNamespace("edge").endMetadata()
        .withImagePullSecrets(new LocalObjectReference("pull")).build()).create();
    deployment("built", "ghcr.io/acme/build:1", null, "builder");
    RecordingRun run = fx.run();

    try (KubernetesSession s = session(run)) {
      s.prefetch(List.of(readNew(secret("partner", "edge", "pull", "robot", PASSWORD))));
    }

    assertThat(run.warnings).isEmpty();
  }

  @Test
  void aSecretThatServiceAccountEntriesListIsNotAudited() {
    deployment("web", "ghcr.io/acme/web:1", null, "default");
    RecordingRun run = fx.run();

    try (KubernetesSession s = session(run)) {
      s.prefetch(List.of(readNew(secret("partner", "edge", "pull", "robot", PASSWORD)),
          readNew(saEntry("partner", "edge", "default", "pull"))));
    }

    assertThat(run.warnings).isEmpty();
    assertThat(run.calls("kubernetes: list deployments")).isZero();
  }

  @Test
  void aSecretStateAlreadyHoldsForTheSameServerIsNotAuditedAgainButOneMovedToAnotherServerIs() {
    deployment("web", "ghcr.io/acme/web:1", null, "default");
    RecordingRun run = fx.run();
    Desired d = secret("partner", "edge", "pull", "robot", PASSWORD);
    Map<String, Object> elsewhere = new java.util.LinkedHashMap<>(d.attributes());
    elsewhere.put("server", "quay.io");

    try (KubernetesSession s = session(run)) {
      s.prefetch(List.of(read(d, recorded(d, d.attributes()))));
    }
    assertThat(run.warnings).isEmpty();
    assertThat(run.totalCalls()).isLessThanOrEqualTo(3);
    assertThat(run.calls("kubernetes: list deployments")).isZero();

    try (KubernetesSession s = session(run)) {
      s.prefetch(List.of(read(d, recorded(d, elsewhere))));
    }
    assertThat(run.warnings).singleElement().satisfies(w -> assertThat(w).startsWith("deployment edge/web"));
  }

  private static ResourceState recorded(Desired d, Map<String, Object> attributes) {
    return new ResourceState(d.address(), d.type(), "kubernetes", "edge/pull", attributes, Map.of(), List.of());
  }

  @Test
  void imageReferencesResolveToTheirRegistryHost() {
    assertThat(ImageReference.registryOf("nginx")).isEqualTo("docker.io");
    assertThat(ImageReference.registryOf("acme/web:1")).isEqualTo("docker.io");
    assertThat(ImageReference.registryOf("ghcr.io/acme/web@sha256:abc")).isEqualTo("ghcr.io");
    assertThat(ImageReference.registryOf("localhost:5000/x")).isEqualTo("localhost:5000");
    assertThat(ImageReference.normalize("https://index.docker.io/v1/")).isEqualTo("docker.io");
  }

  private void deployment(String name, String image, String pullSecret, String serviceAccount) {
    DeploymentBuilder b = new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace("edge").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().withServiceAccountName(serviceAccount)
        .addNewContainer().withName("c").withImage(image).endContainer().endSpec().endTemplate().endSpec();
    if (pullSecret != null) {
      b.editSpec().editTemplate().editSpec().addNewImagePullSecret(pullSecret).endSpec().endTemplate().endSpec();
    }
    partner.apps().deployments().inNamespace("edge").resource(b.build()).create();
  }
}
