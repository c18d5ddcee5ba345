package dev.pullplan.expand;

import static dev.pullplan.expand.ResourceTypes.ACR_SCOPE_MAP;
import static dev.pullplan.expand.ResourceTypes.ACR_TOKEN;
import static dev.pullplan.expand.ResourceTypes.AZURE_ACR_ATTACH;
import static dev.pullplan.expand.ResourceTypes.AZURE_ROLE_ASSIGNMENT;
import static dev.pullplan.expand.ResourceTypes.AZURE_SERVICE_PRINCIPAL;
import static dev.pullplan.expand.ResourceTypes.EXTERNAL_CREDENTIAL;
import static dev.pullplan.expand.ResourceTypes.K8S_NAMESPACE;
import static dev.pullplan.expand.ResourceTypes.K8S_SA_PULL_SECRET;
import static dev.pullplan.expand.ResourceTypes.K8S_SECRET;

import dev.pullplan.address.Address;
import dev.pullplan.model.Access;
import dev.pullplan.model.AzureResourceRef;
import dev.pullplan.model.Credential;
import dev.pullplan.model.NamespaceDecl;
import dev.pullplan.model.Registry;
import dev.pullplan.model.Stack;
import dev.pullplan.spi.Lifecycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the config into the resources it asks for, the way a Terraform module expands: each
 * {@code access} becomes a credential, its grant, a secret per namespace and an entry per service
 * account; each {@code namespace} with {@code create = true} becomes a namespace.
 */
public final class Expander {
  /**
   * How to reach the cluster a Kubernetes object lives in, as its block says: recorded with the
   * object so that it can be deleted after the block is gone (a handler's locator).
   */
  public static final String CLUSTER_CONNECTION = "cluster_connection";
  /** The access's {@code probe_image}, on its Secrets: what the login check before cutover pulls. */
  public static final String PROBE_IMAGE = "probe_image";
  /**
   * The access's credential type ({@code service_principal}, {@code token}, {@code external}), on
   * its Secrets: a password Azure issued seconds ago may need time to replicate before it is accepted.
   */
  public static final String CREDENTIAL_TYPE = "credential_type";
  /**
   * Which Azure registry the access's {@code registry} block names, on every Azure resource of it
   * ({@link AzureResourceRef#text}, the name in lower case).
   */
  public static final String ACR = "acr";
  /** Which AKS cluster an attach access's {@code cluster} block names ({@link AzureResourceRef#text}). */
  public static final String AKS = "aks";

  /** Which namespaces of a cluster carry given labels; consulted only for {@code namespace_selector}. */
  @FunctionalInterface
  public interface NamespaceSelector {
    Set<String> select(Access access);
  }

  private final Stack stack;
  private final String stackName;
  private final NamespaceSelector selector;
  private final Derivation derivation;

  /**
   * @param stackName the stack's settled name (see {@code RunContext#stackName})
   * @param derivation what each type's provider adds to the facts given here
   */
  public Expander(Stack stack, String stackName, NamespaceSelector selector, Derivation derivation) {
    this.stack = stack;
    this.stackName = stackName;
    this.selector = selector;
    this.derivation = derivation;
  }

  public Expansion expand() {
    List<DesiredResource> out = new ArrayList<>();
    Map<String, List<String>> selected = new LinkedHashMap<>();
    for (NamespaceDecl ns : stack.namespaces().values()) {
      if (ns.create()) {
        out.add(namespace(ns));
      }
    }
    for (Access access : stack.accesses().values()) {
      if (!access.namespaceSelector().isEmpty()) {
        selected.put(access.name(), List.copyOf(new TreeSet<>(selector.select(access))));
      }
      out.addAll(expand(access, selected.getOrDefault(access.name(), List.of())));
    }
    return new Expansion(List.copyOf(out), Map.copyOf(selected));
  }

  private DesiredResource namespace(NamespaceDecl ns) {
    Map<String, Object> attrs = base();
    attrs.put("cluster", ns.cluster());
    attrs.put(CLUSTER_CONNECTION, connection(ns.cluster()));
    attrs.put("name", ns.name());
    attrs.put("labels", Map.copyOf(ns.labels()));
    return resource(Address.of("namespace", ns.blockName(), "k8s_namespace"), K8S_NAMESPACE, attrs, Map.of(), Set.of());
  }

  private List<DesiredResource> expand(Access access, List<String> selectedNamespaces) {
    Registry registry = stack.registry(access.registry());
    if (!access.mode().usesSecrets()) {
      Map<String, Object> attrs = base();
      attrs.put("registry", registry.name());
      acrIdentity(registry).ifPresent(id -> attrs.put(ACR, id));
      attrs.put("cluster", access.cluster());
      stack.cluster(access.cluster()).aks().ifPresent(aks -> attrs.put(AKS, aks.text()));
      if (!access.credential().repositories().isEmpty()) {
        attrs.put("repositories", List.copyOf(access.credential().repositories()));
      }
      return List.of(resource(at(access, "attach"), AZURE_ACR_ATTACH, attrs, Map.of(), Set.of()));
    }
    List<DesiredResource> out = new ArrayList<>();
    CredentialSource credential = credential(access, registry, out);
    Set<String> namespaces = new LinkedHashSet<>(access.namespaces());
    namespaces.addAll(selectedNamespaces);
    for (String ns : namespaces) {
      DesiredResource secret = secret(access, registry, ns, credential);
      out.add(secret);
      if (access.mode() == dev.pullplan.model.AccessMode.SERVICE_ACCOUNT) {
        for (String sa : access.serviceAccounts()) {
          out.add(serviceAccountEntry(access, ns, sa, secret.address()));
        }
      }
    }
    return out;
  }

  /** The resource holding username/password, and what must exist before a secret may use it. */
  private record CredentialSource(Address holder, Set<Address> readyAfter) {}

  private CredentialSource credential(Access access, Registry registry, List<DesiredResource> out) {
    Credential c = access.credential();
    Lifecycle lifecycle = new Lifecycle(c.rotateAfter(), c.renewBefore());
    Map<String, Object> attrs = base();
    attrs.put("registry", registry.name());
    switch (c.type()) {
      case SERVICE_PRINCIPAL -> {
        Address sp = at(access, "service_principal");
        acrIdentity(registry).ifPresent(id -> attrs.put(ACR, id));
        c.expiresAfter().ifPresent(e -> attrs.put("expires_after", e.text()));
        out.add(resource(sp, AZURE_SERVICE_PRINCIPAL, attrs, Map.of(), Set.of(), lifecycle));
        Map<String, Object> grant = base();
        grant.put("registry", registry.name());
        acrIdentity(registry).ifPresent(id -> grant.put(ACR, id));
        grant.put("principal_id", Ref.to(sp, "object_id"));
        if (!c.repositories().isEmpty()) {
          grant.put("repositories", List.copyOf(c.repositories()));
        }
        Address assignment = at(access, "role_assignment");
        out.add(resource(assignment, AZURE_ROLE_ASSIGNMENT, grant, Map.of(), Set.of(sp)));
        return new CredentialSource(sp, Set.of(sp, assignment));
      }
      case TOKEN -> {
        Address scopeMap = at(access, "scope_map");
        acrIdentity(registry).ifPresent(id -> attrs.put(ACR, id));
        attrs.put("repositories", List.copyOf(c.repositories()));
        out.add(resource(scopeMap, ACR_SCOPE_MAP, attrs, Map.of(), Set.of()));
        Map<String, Object> token = base();
        token.put("registry", registry.name());
        acrIdentity(registry).ifPresent(id -> token.put(ACR, id));
        token.put("scope_map_id", Ref.to(scopeMap, "scope_map_id"));
        c.expiresAfter().ifPresent(e -> token.put("expires_after", e.text()));
        Address tokenAddress = at(access, "token");
        out.add(resource(tokenAddress, ACR_TOKEN, token, Map.of(), Set.of(scopeMap), lifecycle));
        return new CredentialSource(tokenAddress, Set.of(tokenAddress));
      }
      case EXTERNAL -> {
        Address holder = at(access, "credential");
        // the config gave the server: an external credential on an ACR without one is a config error
        attrs.put("server", registry.loginServer().orElseThrow());
        c.username().ifPresent(u -> attrs.put("username", u));
        c.passwordEnv().ifPresent(e -> attrs.put("password_env", e));
        c.passwordFile().ifPresent(f -> attrs.put("password_file", f));
        out.add(resource(holder, EXTERNAL_CREDENTIAL, attrs, Map.of(), Set.of()));
        return new CredentialSource(holder, Set.of(holder));
      }
      default -> throw new IllegalStateException("unhandled credential type " + c.type());
    }
  }

  private DesiredResource secret(Access access, Registry registry, String ns, CredentialSource credential) {
    Map<String, Object> attrs = base();
    attrs.put("cluster", access.cluster());
    attrs.put(CLUSTER_CONNECTION, connection(access.cluster()));
    attrs.put("namespace", ns);
    attrs.put("name", access.secretName());
    // an ACR's login server is Azure's to say: the credential's provider reads it with the registry
    attrs.put("server", registry.loginServer().<Object>map(s -> s).orElseGet(() -> Ref.to(credential.holder(), "server")));
    attrs.put("username", Ref.to(credential.holder(), "username"));
    access.probeImage().ifPresent(image -> attrs.put(PROBE_IMAGE, image));
    attrs.put(CREDENTIAL_TYPE, access.credential().type().keyword());
    Set<Address> deps = new LinkedHashSet<>(credential.readyAfter());
    createdNamespace(access.cluster(), ns).ifPresent(deps::add);
    return resource(keyed(access, "k8s_secret", ns), K8S_SECRET, attrs,
        Map.of("password", Ref.toSensitive(credential.holder(), "password")), deps);
  }

  private DesiredResource serviceAccountEntry(Access access, String ns, String sa, Address secret) {
    Map<String, Object> attrs = base();
    attrs.put("cluster", access.cluster());
    attrs.put(CLUSTER_CONNECTION, connection(access.cluster()));
    attrs.put("namespace", ns);
    attrs.put("service_account", sa);
    attrs.put("secret_name", access.secretName());
    return resource(keyed(access, "sa_pull_secret", ns + "/" + sa), K8S_SA_PULL_SECRET, attrs, Map.of(), Set.of(secret));
  }

  private Map<String, Object> connection(String clusterBlock) {
    return connection(stack.cluster(clusterBlock));
  }

  /** How a cluster block reaches its cluster, as {@link #CLUSTER_CONNECTION} records it. */
  public static Map<String, Object> connection(dev.pullplan.model.Cluster cluster) {
    Map<String, Object> out = new LinkedHashMap<>();
    cluster.kubeconfig().ifPresent(k -> out.put("kubeconfig", k));
    cluster.context().ifPresent(c -> out.put("context", c));
    cluster.aks().ifPresent(aks -> {
      out.put("aks_name", aks.name());
      out.put("aks_resource_group", aks.resourceGroup());
      aks.subscriptionId().ifPresent(sub -> out.put("aks_subscription_id", sub));
    });
    return Map.copyOf(out);
  }

  private java.util.Optional<Address> createdNamespace(String cluster, String ns) {
    return stack.namespaces().values().stream()
        .filter(d -> d.create() && d.cluster().equals(cluster) && d.name().equals(ns))
        .findFirst()
        .map(d -> Address.of("namespace", d.blockName(), "k8s_namespace"));
  }

  /**
   * Which Azure registry a block names ({@code [subscription/]resource-group/name}): an object in
   * another registry is another object, whatever the block is called.
   */
  private static java.util.Optional<String> acrIdentity(Registry registry) {
    return registry.acr().map(ref -> new AzureResourceRef(ref.name().toLowerCase(Locale.ROOT),
        ref.resourceGroup(), ref.subscriptionId()).text());
  }

  private Map<String, Object> base() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stack", stackName);
    return attrs;
  }

  private DesiredResource resource(
      Address address, String type, Map<String, Object> attrs, Map<String, Object> sensitive, Set<Address> deps) {
    return resource(address, type, attrs, sensitive, deps, Lifecycle.NONE);
  }

  private DesiredResource resource(Address address, String type, Map<String, Object> attrs,
      Map<String, Object> sensitive, Set<Address> deps, Lifecycle lifecycle) {
    return new DesiredResource(address, type, derivation.derive(type, address, attrs), sensitive, deps, lifecycle);
  }

  private static Address at(Access access, String resource) {
    return Address.of("access", access.name(), resource);
  }

  private static Address keyed(Access access, String resource, String key) {
    return Address.keyed("access", access.name(), resource, key);
  }
}
