package dev.pullplan.provider.kubernetes;

import dev.pullplan.model.Cluster;
import dev.pullplan.spi.PodPulls;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link PodPulls} from the cluster's API: one LIST of pods and one of events per namespace asked
 * (or cluster-wide), one LIST of dockerconfigjson Secrets per cluster.
 */
final class ClusterPodPulls implements PodPulls {
  private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff");
  private static final String DOCKER_CONFIG = "kubernetes.io/dockerconfigjson";

  private final Clusters clusters;

  ClusterPodPulls(Clusters clusters) {
    this.clusters = clusters;
  }

  private ClusterConnection connection(Cluster cluster) {
    clusters.learn(cluster);
    return clusters.connection(cluster.name());
  }

  @Override
  public List<FailingPod> failingPods(Cluster cluster, Optional<String> namespace) {
    ClusterConnection c = connection(cluster);
    String scope = namespace.map(n -> "in namespace " + n).orElse("in all namespaces");
    List<Pod> pods = c.call("list", "pods", scope, () -> namespace
        .map(n -> c.client().pods().inNamespace(n).list().getItems())
        .orElseGet(() -> c.client().pods().inAnyNamespace().list().getItems()));
    List<FailingPod> failing = new ArrayList<>();
    Map<String, List<Event>> eventsByNamespace = new java.util.HashMap<>();
    for (Pod pod : pods) {
      for (ContainerStatus status : statuses(pod)) {
        String reason = waitingReason(status);
        if (!PULL_FAILURES.contains(reason)) {
          continue;
        }
        String ns = pod.getMetadata().getNamespace();
        List<Event> events = eventsByNamespace.computeIfAbsent(ns, n -> c.call("list", "events", "in namespace " + n,
            () -> c.client().v1().events().inNamespace(n).list().getItems()));
        failing.add(new FailingPod(cluster.name(), ns, pod.getMetadata().getName(), serviceAccountOf(pod), status.getName(),
            status.getImage() == null || status.getImage().isEmpty() ? imageOf(pod, status.getName()) : status.getImage(),
            reason, Optional.ofNullable(status.getState().getWaiting().getMessage()).orElse(""),
            pullSecretNames(pod.getSpec() == null ? null : pod.getSpec().getImagePullSecrets()),
            instant(pod.getMetadata().getCreationTimestamp()), eventsOf(pod, events)));
      }
    }
    return failing;
  }

  @Override
  public List<PullSecret> pullSecrets(Cluster cluster) {
    ClusterConnection c = connection(cluster);
    List<Secret> secrets = c.call("list", "secrets", "of type " + DOCKER_CONFIG, () -> c.client().secrets()
        .inAnyNamespace().withField("type", DOCKER_CONFIG).list().getItems());
    return secrets.stream().filter(s -> DOCKER_CONFIG.equals(s.getType()))
        .map(s -> new PullSecret(s.getMetadata().getNamespace(), s.getMetadata().getName(), servers(s)))
        .sorted(Comparator.comparing(PullSecret::namespace).thenComparing(PullSecret::name))
        .toList();
  }

  @Override
  public Optional<List<String>> serviceAccountPullSecrets(Cluster cluster, String namespace, String serviceAccount) {
    ClusterConnection c = connection(cluster);
    ServiceAccount sa = c.call("get", "serviceaccounts", namespace + "/" + serviceAccount,
        () -> c.client().serviceAccounts().inNamespace(namespace).withName(serviceAccount).get());
    return Optional.ofNullable(sa).map(a -> pullSecretNames(a.getImagePullSecrets()));
  }

  @Override
  public Optional<Login> login(Cluster cluster, String namespace, String secret, String server) {
    ClusterConnection c = connection(cluster);
    Secret s = c.call("get", "secrets", namespace + "/" + secret,
        () -> c.client().secrets().inNamespace(namespace).withName(secret).get());
    return Optional.ofNullable(s).flatMap(ClusterPodPulls::dockerConfig)
        .filter(json -> servers(json).contains(server))
        .flatMap(json -> DockerConfigJson.decode(json, server))
        .map(l -> new Login(l.server(), l.username(), l.password()));
  }

  private static Optional<String> dockerConfig(Secret s) {
    String encoded = s.getData() == null ? null : s.getData().get(".dockerconfigjson");
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private static Set<String> servers(Secret s) {
    return dockerConfig(s).map(ClusterPodPulls::servers).orElse(Set.of());
  }

  private static Set<String> servers(String json) {
    Set<String> names = new TreeSet<>();
    try {
      Iterator<String> keys = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("auths").fieldNames();
      keys.forEachRemaining(names::add);
    } catch (com.fasterxml.jackson.core.JacksonException notJson) {
      // a Secret that is not a dockerconfigjson has logins for no registry
    }
    return names;
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    if (pod.getStatus() == null) {
      return List.of();
    }
    return Stream.concat(Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).orElse(List.of()).stream(),
        Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of()).stream()).toList();
  }

  private static String waitingReason(ContainerStatus s) {
    return s.getState() == null || s.getState().getWaiting() == null ? ""
        : Optional.ofNullable(s.getState().getWaiting().getReason()).orElse("");
  }

  private static String imageOf(Pod pod, String container) {
    return pod.getSpec() == null ? "" : Stream.concat(
            Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of()).stream(),
            Optional.ofNullable(pod.getSpec().getContainers()).orElse(List.of()).stream())
        .filter(c -> container.equals(c.getName())).map(io.fabric8.kubernetes.api.model.Container::getImage)
        .findFirst().orElse("");
  }

  private static String serviceAccountOf(Pod p) {
    String sa = p.getSpec() == null ? null : p.getSpec().getServiceAccountName();
    return sa == null || sa.isEmpty() ? "default" : sa;
  }

  private static List<String> pullSecretNames(List<LocalObjectReference> refs) {
    return refs == null ? List.of() : refs.stream().map(LocalObjectReference::getName).collect(Collectors.toList());
  }

  /** The pod's events, by its uid when the event has one, oldest first. */
  private static List<String> eventsOf(Pod pod, List<Event> events) {
    String uid = pod.getMetadata().getUid();
    return events.stream()
        .filter(e -> e.getInvolvedObject() != null && "Pod".equals(e.getInvolvedObject().getKind())
            && pod.getMetadata().getName().equals(e.getInvolvedObject().getName())
            && (uid == null || e.getInvolvedObject().getUid() == null || uid.equals(e.getInvolvedObject().getUid())))
        .sorted(Comparator.comparing(e -> Optional.ofNullable(e.getLastTimestamp()).orElse("")))
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
