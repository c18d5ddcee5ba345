package dev.pullplan.sandbox.kube;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sandbox cluster holds before pullplan runs: namespaces (each gets its {@code default}
 * ServiceAccount from the sandbox's controller), and objects made by other tools that pullplan
 * must respect.
 */
public record KubeSeed(
    List<SeedNamespace> namespaces, List<ForeignSecret> foreignSecrets, List<ForeignPullSecretEntry> foreignEntries,
    List<SeedPod> pods) {

  public KubeSeed(
      List<SeedNamespace> namespaces, List<ForeignSecret> foreignSecrets, List<ForeignPullSecretEntry> foreignEntries) {
    this(namespaces, foreignSecrets, foreignEntries, List.of());
  }

  public record SeedNamespace(String cluster, String name, Map<String, String> labels) {}

  /** A dockerconfigjson Secret another tool made (labelled as Helm's), for a registry of its own. */
  public record ForeignSecret(String cluster, String namespace, String name, String server) {}

  /** An {@code imagePullSecrets} entry someone else added to a ServiceAccount. */
  public record ForeignPullSecretEntry(String cluster, String namespace, String serviceAccount, String secretName) {}

  /**
   * A pod that runs, or one whose image pull fails the way kubelet reports it: the container
   * status {@code ErrImagePull} or {@code ImagePullBackOff} and the events kubelet writes.
   *
   * @param serviceAccount the account it runs as ({@code default}); ServiceAccount admission gives
   *     the pod that account's {@code imagePullSecrets}
   */
  public record SeedPod(
      String cluster, String namespace, String name, String image, String serviceAccount, PodState state,
      PullError error) {}

  /** What kubelet reports for the pod's only container. */
  public enum PodState {
    RUNNING("Running"), ERR_IMAGE_PULL("ErrImagePull"), IMAGE_PULL_BACK_OFF("ImagePullBackOff");

    private final String reason;

    PodState(String reason) {
      this.reason = reason;
    }

    /** The container's {@code state.waiting.reason}, or {@code Running}. */
    public String reason() {
      return reason;
    }

    public static java.util.Optional<PodState> parse(String text) {
      return java.util.Arrays.stream(values()).filter(s -> s.reason.equals(text)).findFirst();
    }
  }

  /**
   * Why the pull failed, as the registry answered containerd: {@code unauthorized} (no credential
   * for the repository, or one not allowed on it: distribution's {@code insufficient_scope}),
   * {@code rejected} (the token server refused the username and password: 401), {@code not_found}
   * (no such tag or digest), {@code unreachable} (DNS).
   */
  public enum PullError {
    UNAUTHORIZED("unauthorized"), REJECTED("rejected"), NOT_FOUND("not_found"), UNREACHABLE("unreachable");

    private final String keyword;

    PullError(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }

    public static java.util.Optional<PullError> parse(String text) {
      return java.util.Arrays.stream(values()).filter(e -> e.keyword.equals(text)).findFirst();
    }
  }

  /**
   * Two clusters: {@code aks-dev} with {@code apps} and {@code jobs} (label {@code team=apps}),
   * {@code partner} with {@code edge} (label {@code team=edge}) and {@code robotics}; in
   * {@code partner/edge} a foreign secret {@code legacy-pull} listed by the {@code default}
   * ServiceAccount.
   */
  public static KubeSeed defaultSeed() {
    return new KubeSeed(
        List.of(
            new SeedNamespace("aks-dev", "apps", Map.of("team", "apps")),
            new SeedNamespace("aks-dev", "jobs", Map.of("team", "apps")),
            new SeedNamespace("partner", "edge", Map.of("team", "edge")),
            new SeedNamespace("partner", "robotics", Map.of())),
        List.of(new ForeignSecret("partner", "edge", "legacy-pull", "registry.partner.example")),
        List.of(new ForeignPullSecretEntry("partner", "edge", "default", "legacy-pull")));
  }

  /** The clusters this seed puts objects in, in order of first mention. */
  public Set<String> clusters() {
    Set<String> names = new LinkedHashSet<>();
    namespaces.forEach(n -> names.add(n.cluster()));
    foreignSecrets.forEach(s -> names.add(s.cluster()));
    foreignEntries.forEach(e -> names.add(e.cluster()));
    pods.forEach(p -> names.add(p.cluster()));
    return names;
  }
}
