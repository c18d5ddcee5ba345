package dev.pullplan.testing;

import dev.pullplan.diag.Position;
import dev.pullplan.model.Access;
import dev.pullplan.model.AccessMode;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.model.Cluster;
import dev.pullplan.model.Credential;
import dev.pullplan.model.CredentialType;
import dev.pullplan.model.Lifetime;
import dev.pullplan.model.NamespaceDecl;
import dev.pullplan.model.Registry;
import dev.pullplan.model.Stack;
import dev.pullplan.model.StackName;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@link Stack}s in code for engine tests, the way the config loader would. */
public final class TestStacks {
  private static final Position HERE = new Position("test.pullplan.hcl", 1, 1);
  private final Map<String, Registry> registries = new LinkedHashMap<>();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, NamespaceDecl> namespaces = new LinkedHashMap<>();
  private final Map<String, Access> accesses = new LinkedHashMap<>();
  private String digest = "digest-1";
  private Path dir = Path.of("teststack");
  private Optional<StackName> declaredName = Optional.empty();

  public static TestStacks stack() {
    return new TestStacks()
        .acr("shared", "pullplandemo")
        .aks("dev", "aks-dev")
        .kubeCluster("partner");
  }

  public TestStacks acr(String name, String acrName) {
    registries.put(name, new Registry(name, Optional.of(new AzureResourceRef(acrName, "rg-registry", Optional.empty())),
        Optional.empty(), HERE));
    return this;
  }

  public TestStacks aks(String name, String aksName) {
    clusters.put(name, new Cluster(name, Optional.of(new AzureResourceRef(aksName, "rg-dev", Optional.empty())),
        Optional.empty(), Optional.empty(), HERE));
    return this;
  }

  public TestStacks kubeCluster(String name) {
    clusters.put(name, new Cluster(name, Optional.empty(), Optional.empty(), Optional.of(name), HERE));
    return this;
  }

  public TestStacks createdNamespace(String block, String cluster, String name) {
    namespaces.put(block, new NamespaceDecl(block, cluster, name, true, Map.of("team", block), HERE));
    return this;
  }

  public TestStacks attach(String name, String cluster) {
    accesses.put(name, new Access(name, "shared", cluster, AccessMode.ATTACH, List.of(), Map.of(), List.of(),
        "pullplan-shared", Optional.empty(), Credential.defaultFor(CredentialType.SERVICE_PRINCIPAL), HERE));
    return this;
  }

  public TestStacks serviceAccount(String name, String cluster, List<String> ns, Credential credential) {
    accesses.put(name, new Access(name, "shared", cluster, AccessMode.SERVICE_ACCOUNT, ns, Map.of(), List.of("default"),
        "pullplan-shared", Optional.empty(), credential, HERE));
    return this;
  }

  public TestStacks pullSecret(String name, String cluster, List<String> ns, Credential credential) {
    accesses.put(name, new Access(name, "shared", cluster, AccessMode.PULL_SECRET, ns, Map.of(), List.of(),
        "pullplan-shared", Optional.empty(), credential, HERE));
    return this;
  }

  public TestStacks selector(String name, String cluster, Map<String, String> labels) {
    accesses.put(name, new Access(name, "shared", cluster, AccessMode.PULL_SECRET, List.of(), labels, List.of(),
        "pullplan-shared", Optional.empty(), Credential.defaultFor(CredentialType.SERVICE_PRINCIPAL), HERE));
    return this;
  }

  public TestStacks without(String access) {
    accesses.remove(access);
    return this;
  }

  /** The config's directory, whose name a new stack takes when its config declares none. */
  public TestStacks dir(Path value) {
    dir = value;
    return this;
  }

  /** As {@code pullplan { stack = "..." }}. */
  public TestStacks named(String stackName) {
    declaredName = Optional.of(new StackName(stackName, HERE));
    return this;
  }

  public TestStacks digest(String value) {
    digest = value;
    return this;
  }

  public static Credential servicePrincipal(String rotateAfter) {
    return new Credential(CredentialType.SERVICE_PRINCIPAL, List.of(), Lifetime.parse("90d"), Lifetime.parse(rotateAfter),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static Credential token(String... repositories) {
    return new Credential(CredentialType.TOKEN, List.of(repositories), Lifetime.parse("30d"), Optional.empty(),
        Lifetime.parse("7d"), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public Stack build() {
    return new Stack(dir, Map.of(), Map.of(), Optional.empty(), Map.copyOf(registries),
        new LinkedHashMap<>(clusters), new LinkedHashMap<>(namespaces), new LinkedHashMap<>(accesses), Map.of(), digest,
        declaredName);
  }
}
