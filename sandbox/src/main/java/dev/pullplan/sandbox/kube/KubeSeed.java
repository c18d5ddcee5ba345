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
    List<SeedNamespace> namespaces, List<ForeignSecret> foreignSecrets, List<ForeignPullSecretEntry> foreignEntries) {

  public record SeedNamespace(String cluster, String name, Map<String, String> labels) {}

  /** A dockerconfigjson Secret another tool made (labelled as Helm's), for a registry of its own. */
  public record ForeignSecret(String cluster, String namespace, String name, String server) {}

  /** An {@code imagePullSecrets} entry someone else added to a ServiceAccount. */
  public record ForeignPullSecretEntry(String cluster, String namespace, String serviceAccount, String secretName) {}

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
    return names;
  }
}
