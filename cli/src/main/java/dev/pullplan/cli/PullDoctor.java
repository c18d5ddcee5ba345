package dev.pullplan.cli;

import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Access;
import dev.pullplan.model.AccessMode;
import dev.pullplan.model.Stack;
import dev.pullplan.provider.registry.ImageName;
import dev.pullplan.provider.registry.RegistryClient;
import dev.pullplan.provider.registry.RegistryCredential;
import dev.pullplan.provider.registry.RegistryException;
import dev.pullplan.provider.registry.RegistryFailure;
import dev.pullplan.spi.PodPulls;
import dev.pullplan.spi.PodPulls.FailingPod;
import dev.pullplan.spi.PodPulls.PullSecret;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the cause of one pod's failing pull. The cluster's objects say whether the pod carries a
 * login for the image's registry; when it does, the registry is asked with exactly that login,
 * so "rejected", "not allowed" and "no such tag" are the registry's answer now, not a guess from
 * the kubelet's message. The state adds what only pullplan knows: a password's end, a scope map.
 */
final class PullDoctor {
  private final PodPulls cluster;
  private final RegistryClient registry;
  private final Stack stack;
  private final Optional<State> state;
  private final Instant now;
  private final Map<String, List<PullSecret>> secrets = new ConcurrentHashMap<>();

  PullDoctor(PodPulls cluster, RegistryClient registry, Stack stack, Optional<State> state, Instant now) {
    this.cluster = cluster;
    this.registry = registry;
    this.stack = stack;
    this.state = state;
    this.now = now;
  }

  PullDiagnosis diagnose(String clusterName, FailingPod pod) {
    String host = host(pod.image());
    Optional<ImageName> image = ImageName.parse(pod.image());
    List<String> evidence = new ArrayList<>();
    evidence.add("container " + pod.container() + ": " + pod.reason()
        + (pod.message().isEmpty() ? "" : " (" + pod.message() + ")"));
    pod.events().stream().filter(e -> e.startsWith("Failed: Failed to pull")).reduce((a, b) -> b)
        .ifPresent(e -> evidence.add("kubelet event " + e));
    List<PullSecret> all = secrets.computeIfAbsent(clusterName, name -> cluster.pullSecrets(stack.cluster(name)));
    List<PullSecret> here = all.stream().filter(s -> s.namespace().equals(pod.namespace())).toList();
    Optional<PullSecret> carried = pod.pullSecrets().stream()
        .flatMap(name -> here.stream().filter(s -> s.name().equals(name) && s.servers().contains(host)))
        .findFirst();
    if (carried.isEmpty()) {
      return withoutLogin(clusterName, pod, host, all, here, evidence);
    }
    PullSecret secret = carried.get();
    Optional<PodPulls.Login> login = cluster.login(stack.cluster(clusterName), pod.namespace(), secret.name(), host);
    if (login.isEmpty() || image.isEmpty()) {
      return result(pod, "unknown", "secret " + secret.name() + " names " + host + " but holds no usable login",
          evidence, "rewrite the Secret (pullplan apply, when pullplan manages it)");
    }
    RegistryCredential.Basic basic = new RegistryCredential.Basic(login.get().username(), login.get().password());
    evidence.add("the pod carries secret " + secret.name() + " with a login for " + host + " as " + login.get().username());
    try {
      registry.head(host, basic, image.get());
      return result(pod, "pulls_now", "the registry serves " + image.get() + " to " + secret.name() + " now",
          evidence, "nothing is wrong any more: kubelet retries at its next back-off; delete the pod to retry at once");
    } catch (RegistryException e) {
      evidence.add("the registry answers now: " + e.failure().reason());
      return fromRegistry(clusterName, pod, secret, login.get(), image.get(), e.failure(), evidence);
    }
  }

  /** The pod has no login for the registry: find out whether one exists and why the pod lacks it. */
  private PullDiagnosis withoutLogin(String clusterName, FailingPod pod, String host, List<PullSecret> all,
      List<PullSecret> here, List<String> evidence) {
    Optional<RegistryFailure> network = reachability(host);
    if (network.isPresent()) {
      evidence.add("the registry answers now: " + network.get().reason());
      return unreachable(pod, network.get(), evidence);
    }
    List<String> missing = pod.pullSecrets().stream()
        .filter(name -> here.stream().noneMatch(s -> s.name().equals(name))).toList();
    List<PullSecret> forHost = here.stream().filter(s -> s.servers().contains(host)).toList();
    if (forHost.isEmpty()) {
      String wanted = missing.isEmpty() ? "a Secret with a login for " + host : "secret " + String.join(", ", missing);
      List<String> elsewhere = all.stream()
          .filter(s -> missing.contains(s.name()) || (missing.isEmpty() && s.servers().contains(host)))
          .map(s -> s.namespace() + "/" + s.name()).toList();
      evidence.add(missing.isEmpty() ? "the pod lists " + (pod.pullSecrets().isEmpty() ? "no imagePullSecrets"
          : "imagePullSecrets " + pod.pullSecrets() + ", none of them for " + host)
          : "the pod lists " + String.join(", ", missing) + ", which is not in namespace " + pod.namespace());
      evidence.add(elsewhere.isEmpty() ? "no namespace of cluster " + clusterName + " has one"
          : "it exists in " + String.join(", ", elsewhere));
      return result(pod, "secret_missing", wanted + " is missing in namespace " + pod.namespace(), evidence,
          accessFor(clusterName, host).map(a -> "add \"" + pod.namespace() + "\" to the namespaces of access."
              + a.name() + " and run pullplan apply").orElse("declare an access for registry " + host
              + " in cluster " + clusterName + " with namespace " + pod.namespace() + ", and run pullplan apply"));
    }
    String name = forHost.get(0).name();
    List<String> listed = cluster.serviceAccountPullSecrets(stack.cluster(clusterName), pod.namespace(), pod.serviceAccount())
        .orElse(List.of());
    evidence.add("namespace " + pod.namespace() + " has secret " + name + " for " + host + "; the pod lists "
        + (pod.pullSecrets().isEmpty() ? "no imagePullSecrets" : "imagePullSecrets " + pod.pullSecrets()));
    if (listed.contains(name)) {
      evidence.add("ServiceAccount " + pod.serviceAccount() + " lists " + name + " now; admission copies the list"
          + " into a pod only when the pod is created" + pod.created().map(t -> " (this pod: " + t + ")").orElse(""));
      return result(pod, "admitted_before_secret", "the pod was admitted before ServiceAccount " + pod.serviceAccount()
          + " listed " + name, evidence, "restart it: pullplan apply --restart-stale (rolls its owner), or kubectl -n "
          + pod.namespace() + " delete pod " + pod.name() + " when a controller recreates it");
    }
    evidence.add("ServiceAccount " + pod.serviceAccount() + " lists " + (listed.isEmpty() ? "no imagePullSecrets"
        : "imagePullSecrets " + listed + ", not " + name));
    return result(pod, "secret_not_referenced", "secret " + name + " is in namespace " + pod.namespace()
        + " but neither the pod nor ServiceAccount " + pod.serviceAccount() + " references it", evidence,
        "add imagePullSecrets: [{name: " + name + "}] to the pod's template, or give the access mode = "
            + "\"service_account\" with service_accounts = [\"" + pod.serviceAccount() + "\"] and run pullplan apply");
  }

  private PullDiagnosis fromRegistry(String clusterName, FailingPod pod, PullSecret secret, PodPulls.Login login,
      ImageName image, RegistryFailure failure, List<String> evidence) {
    Optional<String> block = managedBlock(clusterName, pod.namespace(), secret.name());
    if (failure instanceof RegistryFailure.CredentialsRejected) {
      block.flatMap(this::expiry).ifPresent(evidence::add);
      return result(pod, "credentials_rejected", "the registry rejects the login of secret " + secret.name()
          + " (expired, rotated or revoked)", evidence, block.map(b -> "run pullplan apply: it renews an expired "
              + "credential; one revoked by hand is made again with pullplan apply --replace "
              + credentialAddress(b).orElse("ADDRESS"))
          .orElse("secret " + secret.name() + " is not pullplan's: renew its password where it was made"));
    }
    if (failure instanceof RegistryFailure.NotAllowed) {
      block.flatMap(this::allowed).ifPresent(evidence::add);
      return result(pod, "not_allowed", login.username() + " authenticates but may not pull " + image.repository(),
          evidence, "grant it the repository: add \"" + image.repository() + "\" to the credential's repositories "
              + "(ACR token scope map), or give the principal a pull role (AcrPull; on an ABAC registry Container "
              + "Registry Repository Reader with a condition covering it)");
    }
    if (failure instanceof RegistryFailure.ManifestUnknown) {
      List<String> tags = nearestTags(login, image);
      evidence.add(tags.isEmpty() ? "repository " + image.repository() + " has no tags"
          : "nearest tags of " + image.repository() + ": " + String.join(", ", tags));
      return result(pod, "manifest_unknown", "the registry has no " + image + " (the credential works)", evidence,
          "fix the image reference" + (tags.isEmpty() ? "" : " (e.g. " + image.repository() + ":" + tags.get(0) + ")")
              + " or push the missing tag");
    }
    if (failure instanceof RegistryFailure.Unreachable || failure instanceof RegistryFailure.TlsFailure) {
      return unreachable(pod, failure, evidence);
    }
    if (failure instanceof RegistryFailure.Unavailable) {
      return result(pod, "registry_unavailable", failure.reason(), evidence,
          "wait and let kubelet retry; nothing is wrong with the credential");
    }
    return result(pod, "unknown", failure.reason(), evidence, "check the registry's logs");
  }

  private static PullDiagnosis unreachable(FailingPod pod, RegistryFailure failure, List<String> evidence) {
    return result(pod, "registry_unreachable", "the registry " + host(pod.image()) + " cannot be reached ("
        + failure.kind() + "), not an authentication problem", evidence, "check the image's registry name, DNS "
        + "and the network path (firewall, private endpoint) from the nodes to " + host(pod.image()));
  }

  /** DNS, connection and TLS failures are found by the challenge alone, with no credential. */
  private Optional<RegistryFailure> reachability(String host) {
    try {
      registry.authenticate(host, new RegistryCredential.Anonymous());
      return Optional.empty();
    } catch (RegistryException e) {
      return e.failure() instanceof RegistryFailure.Unreachable || e.failure() instanceof RegistryFailure.TlsFailure
          ? Optional.of(e.failure()) : Optional.empty();
    }
  }

  /** Up to five tags, those sharing the longest prefix with the wanted one first. */
  private List<String> nearestTags(PodPulls.Login login, ImageName image) {
    try {
      String wanted = image.reference();
      return registry.tags(login.server(), new RegistryCredential.Basic(login.username(), login.password()),
              image.repository()).stream()
          .sorted(Comparator.comparingInt((String t) -> -commonPrefix(t, wanted)).thenComparing(Comparator.naturalOrder()))
          .limit(5).toList();
    } catch (RegistryException e) {
      return List.of();
    }
  }

  private static int commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }

  /** The state block (access) whose Secret this is, when pullplan manages it. */
  private Optional<String> managedBlock(String clusterName, String namespace, String secret) {
    return state.stream().flatMap(s -> s.resources().stream())
        .filter(r -> r.type().equals(ResourceTypes.K8S_SECRET) && clusterName.equals(r.attributes().get("cluster"))
            && namespace.equals(r.attributes().get("namespace")) && secret.equals(r.attributes().get("name")))
        .map(r -> r.address().block()).findFirst();
  }

  private Optional<String> expiry(String block) {
    return inBlock(block).filter(r -> r.attributes().get("expires_at") != null).findFirst().map(r -> {
      Instant end = Instant.parse(String.valueOf(r.attributes().get("expires_at")));
      return "state: the password of " + r.address() + (end.isBefore(now) ? " ended " : " ends ") + end
          + Optional.ofNullable(r.attributes().get("created_at")).map(c -> " (made " + c + ")").orElse("");
    });
  }

  private Optional<String> credentialAddress(String block) {
    return inBlock(block).filter(r -> r.attributes().get("expires_at") != null || r.type().equals(ResourceTypes.ACR_TOKEN))
        .findFirst().map(r -> r.address().toString());
  }

  private Optional<String> allowed(String block) {
    return inBlock(block).filter(r -> r.type().equals(ResourceTypes.ACR_SCOPE_MAP)).findFirst()
        .map(r -> "state: scope map " + r.attributes().get("name") + " of " + r.address() + " allows "
            + r.attributes().get("repositories"))
        .or(() -> inBlock(block).filter(r -> r.type().equals(ResourceTypes.AZURE_ROLE_ASSIGNMENT)).findFirst()
            .map(r -> "state: " + r.address() + " grants role " + r.attributes().get("role") + " on "
                + r.attributes().get("scope")));
  }

  private java.util.stream.Stream<ResourceState> inBlock(String block) {
    return state.stream().flatMap(s -> s.resources().stream()).filter(r -> r.address().block().equals(block));
  }

  /** The access of the config that gives this cluster a pull Secret for the registry. */
  private Optional<Access> accessFor(String clusterName, String host) {
    return stack.accesses().values().stream()
        .filter(a -> a.cluster().equals(clusterName) && a.mode() != AccessMode.ATTACH)
        .filter(a -> loginServers(a).anyMatch(host::equalsIgnoreCase))
        .findFirst();
  }

  /**
   * The registry's login server as the config states it, or as the Azure provider read it for an
   * ACR without {@code server}: the server on the access's Secrets in state.
   */
  private java.util.stream.Stream<String> loginServers(Access access) {
    Optional<String> configured = Optional.ofNullable(stack.registries().get(access.registry()))
        .flatMap(r -> r.loginServer());
    if (configured.isPresent()) {
      return configured.stream();
    }
    return inBlock(access.name()).filter(r -> r.type().equals(ResourceTypes.K8S_SECRET))
        .map(r -> r.attributes().get("server")).filter(String.class::isInstance).map(String.class::cast);
  }

  /** The registry of an image reference, as containerd reads it: the first part when it looks like a host. */
  static String host(String image) {
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return "docker.io";
  }

  private static PullDiagnosis result(FailingPod pod, String cause, String summary, List<String> evidence, String fix) {
    return new PullDiagnosis(pod.cluster(), pod.namespace(), pod.name(), pod.container(), pod.image(), cause, summary,
        evidence, fix);
  }
}
