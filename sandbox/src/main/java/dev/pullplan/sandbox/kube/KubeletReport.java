package dev.pullplan.sandbox.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What kubelet (with containerd) writes for a pod's image pull: the container status and the
 * events of the pod, with the reasons and the shape of the messages a real node reports. There is
 * no kubelet in the sandbox; the seed writes these so {@code doctor} has something real to read.
 */
final class KubeletReport {
  static final String NODE = "sandbox-node-1";

  private KubeletReport() {}

  static ContainerStatus containerStatus(KubeSeed.SeedPod pod) {
    ContainerStatusBuilder b = new ContainerStatusBuilder().withName(containerName(pod)).withImage(pod.image())
        .withImageID("").withRestartCount(0).withStarted(pod.state() == KubeSeed.PodState.RUNNING)
        .withReady(pod.state() == KubeSeed.PodState.RUNNING);
    if (pod.state() == KubeSeed.PodState.RUNNING) {
      return b.withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build();
    }
    String message = pod.state() == KubeSeed.PodState.ERR_IMAGE_PULL ? pullFailure(pod) : backOff(pod);
    return b.withNewState().withNewWaiting().withReason(pod.state().reason()).withMessage(message).endWaiting()
        .endState().build();
  }

  /** The events of a pull that failed: Pulling, Failed (the error), Failed (ErrImagePull), then backing off. */
  static List<Event> events(KubeSeed.SeedPod seed, Pod pod) {
    List<Event> events = new ArrayList<>();
    if (seed.state() == KubeSeed.PodState.RUNNING) {
      events.add(event(seed, pod, 1, "Normal", "Pulled", "Successfully pulled image \"" + seed.image() + "\""));
      return events;
    }
    events.add(event(seed, pod, 1, "Normal", "Pulling", "Pulling image \"" + seed.image() + "\""));
    events.add(event(seed, pod, 2, "Warning", "Failed", "Failed to pull image \"" + seed.image() + "\": "
        + pullFailure(seed)));
    events.add(event(seed, pod, 3, "Warning", "Failed", "Error: ErrImagePull"));
    if (seed.state() == KubeSeed.PodState.IMAGE_PULL_BACK_OFF) {
      events.add(event(seed, pod, 4, "Normal", "BackOff", backOff(seed)));
      events.add(event(seed, pod, 5, "Warning", "Failed", "Error: ImagePullBackOff"));
    }
    return events;
  }

  private static Event event(KubeSeed.SeedPod seed, Pod pod, int n, String type, String reason, String message) {
    String now = Instant.now().toString();
    return new EventBuilder()
        .withNewMetadata().withName(seed.name() + "." + Long.toHexString(System.nanoTime()) + n)
        .withNamespace(seed.namespace()).endMetadata()
        .withNewInvolvedObject().withApiVersion("v1").withKind("Pod").withNamespace(seed.namespace())
        .withName(seed.name()).withUid(pod.getMetadata().getUid())
        .withFieldPath("spec.containers{" + containerName(seed) + "}").endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message)
        .withNewSource().withComponent("kubelet").withHost(NODE).endSource()
        .withReportingComponent("kubelet").withReportingInstance(NODE)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .build();
  }

  /** containerd's error through kubelet's CRI call, by what the registry answered. */
  static String pullFailure(KubeSeed.SeedPod pod) {
    String image = pod.image();
    String registry = image.contains("/") ? image.substring(0, image.indexOf('/')) : "docker.io";
    return switch (pod.error()) {
      case UNAUTHORIZED -> "rpc error: code = Unknown desc = failed to pull and unpack image \"" + image
          + "\": failed to resolve reference \"" + image + "\": pull access denied, repository does not exist or may"
          + " require authorization: server message: insufficient_scope: authorization failed";
      // containerd asks the token server named by the registry's challenge, which answers 401
      case REJECTED -> "rpc error: code = Unknown desc = failed to pull and unpack image \"" + image
          + "\": failed to resolve reference \"" + image + "\": failed to authorize: failed to fetch oauth token:"
          + " unexpected status from GET request to https://" + registry + "/oauth2/token?scope=repository%3A"
          + repository(image) + "%3Apull&service=" + registry + ": 401 Unauthorized";
      case NOT_FOUND -> "rpc error: code = NotFound desc = failed to pull and unpack image \"" + image
          + "\": failed to resolve reference \"" + image + "\": " + image + ": not found";
      case UNREACHABLE -> "rpc error: code = Unknown desc = failed to pull and unpack image \"" + image
          + "\": failed to resolve reference \"" + image + "\": failed to do request: Head \"https://" + registry
          + "/v2/\": dial tcp: lookup " + registry + " on 10.96.0.10:53: no such host";
    };
  }

  private static String repository(String image) {
    String path = image.contains("/") ? image.substring(image.indexOf('/') + 1) : image;
    return path.replaceAll("[:@].*$", "").replace("/", "%2F");
  }

  private static String backOff(KubeSeed.SeedPod pod) {
    return "Back-off pulling image \"" + pod.image() + "\"";
  }

  static String containerName(KubeSeed.SeedPod pod) {
    // the last path segment without its tag or digest (a registry's port is not a tag)
    String image = pod.image();
    String last = image.substring(image.lastIndexOf('/') + 1).replaceAll("[:@].*$", "")
        .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return last.isEmpty() ? "app" : last;
  }
}
