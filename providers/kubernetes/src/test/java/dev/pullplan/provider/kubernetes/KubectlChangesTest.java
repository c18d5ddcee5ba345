package dev.pullplan.provider.kubernetes;

import static dev.pullplan.provider.kubernetes.KubeFixture.PASSWORD;
import static dev.pullplan.provider.kubernetes.KubeFixture.apply;
import static dev.pullplan.provider.kubernetes.KubeFixture.present;
import static dev.pullplan.provider.kubernetes.KubeFixture.read;
import static dev.pullplan.provider.kubernetes.KubeFixture.saEntry;
import static dev.pullplan.provider.kubernetes.KubeFixture.secret;
import static dev.pullplan.provider.kubernetes.KubeFixture.session;
import static dev.pullplan.provider.kubernetes.KubeFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.sandbox.kube.Kubectl;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ResourceState;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone changes with kubectl what pullplan made, with the seeds' own commands; pullplan's next
 * read sees each change as a real cluster would show it. Skipped, saying why, without kubectl.
 */
class KubectlChangesTest {
  @TempDir Path dir;
  private KubeFixture fx;
  private Kubectl kubectl;

  @BeforeEach
  void start() {
    Optional<Path> binary = Kubectl.onPath();
    if (binary.isEmpty()) {
      System.out.println("KubectlChangesTest skipped: no kubectl on PATH");
    }
    assumeTrue(binary.isPresent(), "no kubectl on PATH");
    fx = new KubeFixture(dir);
    kubectl = Kubectl.of(binary.get(), fx.kubeconfig);
  }

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void aPatchThatReplacesTheServiceAccountsPullSecretsDropsOurEntryWhichTheNextReadShowsAsGone() {
    RecordingRun run = fx.run();
    Desired d = saEntry("partner", "robotics", "default", "partner-pull");
    ResourceState prior;
    try (KubernetesSession s = session(run)) {
      prior = state(d, s.handler(ResourceTypes.K8S_SA_PULL_SECRET).create(d, apply(run)));
    }

    Kubectl.Result r = kubectl.run("--context", "partner", "-n", "robotics", "patch", "serviceaccount", "default",
        "-p", "{\"imagePullSecrets\":[{\"name\":\"theirs\"}]}");

    assertThat(r.exitCode()).as(r.both()).isZero();
    try (KubernetesSession s = session(fx.run())) {
      assertThat(s.handler(ResourceTypes.K8S_SA_PULL_SECRET).read(read(d, prior))).isInstanceOf(Observed.Absent.class);
    }
  }

  @Test
  void reAddingOurEntryAfterTheirPatchKeepsTheEntryTheyAdded() {
    RecordingRun run = fx.run();
    Desired d = saEntry("partner", "robotics", "default", "partner-pull");
    try (KubernetesSession s = session(run)) {
      s.handler(ResourceTypes.K8S_SA_PULL_SECRET).create(d, apply(run));
    }
    kubectl.run("--context", "partner", "-n", "robotics", "patch", "serviceaccount", "default",
        "-p", "{\"imagePullSecrets\":[{\"name\":\"theirs\"}]}");

    RecordingRun again = fx.run();
    try (KubernetesSession s = session(again)) {
      s.handler(ResourceTypes.K8S_SA_PULL_SECRET).create(d, apply(again));
    }

    assertThat(fx.sandbox.client("partner").serviceAccounts().inNamespace("robotics").withName("default").get()
        .getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("theirs", "partner-pull");
  }

  @Test
  void aSecretDeletedWithKubectlReadsAsAbsentSoThePlanShowsItDeletedOutsidePullplan() {
    RecordingRun run = fx.run();
    Desired d = secret("partner", "robotics", "partner-pull", "robot", PASSWORD);
    ResourceState prior;
    try (KubernetesSession s = session(run)) {
      prior = state(d, s.handler(ResourceTypes.K8S_SECRET).create(d, apply(run)));
    }

    Kubectl.Result r = kubectl.run("--context", "partner", "-n", "robotics", "delete", "secret", "partner-pull");

    assertThat(r.exitCode()).as(r.both()).isZero();
    try (KubernetesSession s = session(fx.run())) {
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(read(d, prior))).isInstanceOf(Observed.Absent.class);
    }
  }

  @Test
  void aSecretMadeWithKubectlCreateSecretDockerRegistryIsForeignAndImportable() {
    kubectl.run("--context", "partner", "-n", "robotics", "create", "secret", "docker-registry", "partner-pull",
        "--docker-server=" + KubeFixture.SERVER, "--docker-username=robot", "--docker-password=" + PASSWORD);
    Desired d = secret("partner", "robotics", "partner-pull", "robot", PASSWORD);

    try (KubernetesSession s = session(fx.run())) {
      assertThat(s.handler(ResourceTypes.K8S_SECRET).read(KubeFixture.readNew(d))).isInstanceOf(Observed.Foreign.class);
      Observed.Present imported = present(s.handler(ResourceTypes.K8S_SECRET).importById(KubeFixture.readNew(d),
          "robotics/partner-pull"));
      assertThat(imported.attributes()).containsEntry("username", "robot").containsEntry("server", KubeFixture.SERVER);
    }
  }
}
