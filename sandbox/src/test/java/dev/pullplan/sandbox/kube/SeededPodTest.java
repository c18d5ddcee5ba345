package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pods the seed puts in a cluster, with what kubelet would have written about their image pulls. */
class SeededPodTest {
  private static KubeSandbox sandbox;

  @BeforeAll
  static void start() {
    KubeSeed d = KubeSeed.defaultSeed();
    sandbox = KubeSandbox.seeded(new KubeSeed(d.namespaces(), d.foreignSecrets(), d.foreignEntries(), List.of(
        new KubeSeed.SeedPod("partner", "edge", "web", "registry.partner.example/web:1.4", "default",
            KubeSeed.PodState.IMAGE_PULL_BACK_OFF, KubeSeed.PullError.UNAUTHORIZED),
        new KubeSeed.SeedPod("partner", "robotics", "arm", "registry.partner.example/arm:2", "default",
            KubeSeed.PodState.ERR_IMAGE_PULL, KubeSeed.PullError.NOT_FOUND))));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Pod pod(String ns, String name) {
    return sandbox.client("partner").pods().inNamespace(ns).withName(name).get();
  }

  @Test
  void aPodInImagePullBackOffHasKubeletsWaitingReasonAndMessage() {
    ContainerStateWaiting waiting = pod("edge", "web").getStatus().getContainerStatuses().get(0).getState().getWaiting();

    assertThat(waiting.getReason()).isEqualTo("ImagePullBackOff");
    assertThat(waiting.getMessage()).isEqualTo("Back-off pulling image \"registry.partner.example/web:1.4\"");
    assertThat(pod("edge", "web").getStatus().getPhase()).isEqualTo("Pending");
  }

  @Test
  void aSeededPodGetsItsServiceAccountsPullSecretsAtAdmission() {
    assertThat(pod("edge", "web").getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName)
        .containsExactly("legacy-pull");
  }

  @Test
  void theEventsOfAFailedPullAreKubeletsInOrderFilteredByField() {
    List<Event> events = sandbox.client("partner").v1().events().inNamespace("edge")
        .withFields(Map.of("involvedObject.name", "web")).list().getItems();

    assertThat(events).extracting(Event::getReason).containsExactly("Pulling", "Failed", "Failed", "BackOff", "Failed");
    assertThat(events.get(1).getMessage()).startsWith("Failed to pull image \"registry.partner.example/web:1.4\": ")
        .contains("pull access denied", "authorization failed");
    assertThat(events).allSatisfy(e -> assertThat(e.getSource().getComponent()).isEqualTo("kubelet"));
  }

  @Test
  void anImageThatIsNotThereSaysNotFound() {
    ContainerStateWaiting waiting = pod("robotics", "arm").getStatus().getContainerStatuses().get(0).getState()
        .getWaiting();

    assertThat(waiting.getReason()).isEqualTo("ErrImagePull");
    assertThat(waiting.getMessage()).contains("code = NotFound", "registry.partner.example/arm:2: not found");
  }
}
