package dev.pullplan.provider.azure;

import dev.pullplan.expand.Expander;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.spi.ClusterCredentials;
import dev.pullplan.spi.ProviderSession;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.RunContext;
import dev.pullplan.spi.SideBySide;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One run's view of Azure: the handlers, the per-run caches (registries, clusters, role
 * assignments per scope) and the SDK clients, which are only built when a handler first needs
 * them — a plan that never touches Azure never pays for them.
 */
final class AzureSession implements ProviderSession {
  /** Lists made at once by a prefetch: a registry's GET, its tokens and scope maps, role assignments, Graph. */
  private static final int LISTS_AT_ONCE = 8;
  private static final Set<String> GRANTS = Set.of(ResourceTypes.AZURE_ACR_ATTACH, ResourceTypes.AZURE_ROLE_ASSIGNMENT);

  private final AzureResources resources;
  private final RoleAssignments assignments;
  private final Map<String, ResourceHandler> handlers;
  private final RegistryListings listings;
  private final ApplicationListings applications;
  private final String stackName;

  AzureSession(RunContext run) {
    AzureSettings settings = AzureSettings.resolve(run.providerSettings("azure"), run.environment(), run.configDir());
    Lazy<AzureConnection> connection = new Lazy<>(() ->
        new AzureConnection(settings, run.environment(), new CallCounting(run), run.httpLog()));
    this.resources = new AzureResources(run, settings, connection);
    this.assignments = new RoleAssignments(run, connection);
    this.listings = new RegistryListings(connection);
    this.applications = new ApplicationListings(connection);
    this.stackName = run.stackName();
    this.handlers = Map.of(
        ResourceTypes.AZURE_ACR_ATTACH, new RoleGrantHandler(resources, assignments,
            new Grantee.ClusterIdentity(resources)),
        ResourceTypes.AZURE_ROLE_ASSIGNMENT, new RoleGrantHandler(resources, assignments, new Grantee.NamedPrincipal()),
        ResourceTypes.AZURE_SERVICE_PRINCIPAL, new ServicePrincipalHandler(run, connection, resources,
            applications),
        ResourceTypes.ACR_SCOPE_MAP, new ScopeMapHandler(run, connection, resources, listings),
        ResourceTypes.ACR_TOKEN, new TokenHandler(run, connection, resources, listings));
  }

  static Set<String> types() {
    return Set.of(ResourceTypes.AZURE_ACR_ATTACH, ResourceTypes.AZURE_ROLE_ASSIGNMENT,
        ResourceTypes.AZURE_SERVICE_PRINCIPAL, ResourceTypes.ACR_SCOPE_MAP, ResourceTypes.ACR_TOKEN);
  }

  @Override
  public ResourceHandler handler(String type) {
    ResourceHandler handler = handlers.get(type);
    if (handler == null) {
      throw new IllegalArgumentException("the azure provider has no resource type " + type);
    }
    return handler;
  }

  /**
   * One role assignment listing per registry scope, the registries' token and scope map lists and
   * the stack's Entra application lists, instead of one read per resource; side by side, since no
   * list needs another's answer (a registry's own GET comes first within its lists). What cannot
   * be listed is left to its reads, which report it per resource.
   */
  @Override
  public void prefetch(Collection<ReadRequest> reads) {
    List<Runnable> lists = new ArrayList<>();
    lists.addAll(roleAssignmentLists(reads));
    lists.addAll(registryObjectLists(reads));
    lists.addAll(applicationLists(reads));
    SideBySide.run(lists, LISTS_AT_ONCE, "listing Azure objects");
  }

  /**
   * The token and scope map lists of the registries where this apply creates one, side by side: each
   * create checks its name against them, and the first create of each would otherwise list its
   * registry while the others wait. Other changes read what they change afresh.
   */
  @Override
  public void applying(Collection<ReadRequest> changes) {
    SideBySide.run(registryObjectLists(changes.stream().filter(c -> c.prior().isEmpty()).toList()), LISTS_AT_ONCE,
        "listing Azure objects");
  }

  private List<Runnable> roleAssignmentLists(Collection<ReadRequest> reads) {
    Set<String> scopes = new LinkedHashSet<>();
    Set<String> registries = new LinkedHashSet<>();
    for (ReadRequest read : reads) {
      if (!GRANTS.contains(read.type())) {
        continue;
      }
      Optional<Object> scope = read.prior().map(p -> p.attributes().get("scope"));
      if (scope.isPresent()) {
        scopes.add(String.valueOf(scope.get()));
      } else {
        read.attribute(Expander.ACR).map(String::valueOf).ifPresent(registries::add);
      }
    }
    List<Runnable> lists = new ArrayList<>();
    // the reads of a scope that cannot be listed fail with the same message, each naming its resource
    scopes.forEach(scope -> lists.add(() -> preload(() -> assignments.reaching(scope))));
    registries.forEach(acr -> lists.add(() -> registryScope(acr).ifPresent(scope ->
        preload(() -> assignments.reaching(scope)))));
    return lists;
  }

  /**
   * One list of tokens and one of scope maps per registry that refresh reads any of, instead of a
   * GET per access. A registry that cannot be found or listed is left to the reads, which say why.
   */
  private List<Runnable> registryObjectLists(Collection<ReadRequest> reads) {
    Map<String, Supplier<AcrRegistry>> tokenRegistries = new LinkedHashMap<>();
    Map<String, Supplier<AcrRegistry>> scopeMapRegistries = new LinkedHashMap<>();
    for (ReadRequest read : reads) {
      boolean token = read.type().equals(ResourceTypes.ACR_TOKEN);
      if (token || read.type().equals(ResourceTypes.ACR_SCOPE_MAP)) {
        // keyed by where the registry is named, so that its GET is made within its lists, not before them
        String where = read.prior().map(p -> "recorded " + p.id().replaceFirst("(?i)(/registries/[^/]+)/.*", "$1"))
            .orElseGet(() -> "acr " + read.attribute(Expander.ACR).map(String::valueOf).orElse(""));
        Supplier<AcrRegistry> registry = () -> read.prior().map(resources::registryOf)
            .orElseGet(() -> resources.registry(read.string(Expander.ACR)));
        (token ? tokenRegistries : scopeMapRegistries).putIfAbsent(where, registry);
      }
    }
    List<Runnable> lists = new ArrayList<>();
    tokenRegistries.values().forEach(r -> lists.add(() -> found(r).ifPresent(registry ->
        preload(() -> listings.preloadTokens(registry)))));
    scopeMapRegistries.values().forEach(r -> lists.add(() -> found(r).ifPresent(registry ->
        preload(() -> listings.preloadScopeMaps(registry)))));
    return lists;
  }

  private static Optional<AcrRegistry> found(Supplier<AcrRegistry> registry) {
    try {
      return Optional.of(registry.get());
    } catch (RuntimeException e) {
      // the read finds the same problem and reports it for its resource
      return Optional.empty();
    }
  }

  /**
   * One Graph list of the stack's tagged applications for the recorded service principals, and one
   * of the applications named like the new ones, instead of a Graph call per access.
   */
  private List<Runnable> applicationLists(Collection<ReadRequest> reads) {
    Set<String> stacks = new LinkedHashSet<>();
    List<String> newNames = new ArrayList<>();
    for (ReadRequest read : reads) {
      if (!read.type().equals(ResourceTypes.AZURE_SERVICE_PRINCIPAL)) {
        continue;
      }
      read.prior().ifPresentOrElse(p -> stacks.add(ServicePrincipalMapping.recordedStack(p, stackName)),
          () -> read.desired().map(d -> d.attributes().get("display_name")).filter(String.class::isInstance)
              .map(String.class::cast).ifPresent(newNames::add));
    }
    List<Runnable> lists = new ArrayList<>();
    stacks.forEach(stack -> lists.add(() -> preload(() -> applications.preloadTagged(stack))));
    if (!newNames.isEmpty()) {
      lists.add(() -> preload(() -> applications.preloadNamed(newNames)));
    }
    return lists;
  }

  private static void preload(Runnable list) {
    try {
      list.run();
    } catch (dev.pullplan.PullplanException e) {
      // not listed: each read makes its own call and reports its own error
    }
  }

  private Optional<String> registryScope(String acr) {
    try {
      return Optional.of(resources.registry(acr).id());
    } catch (dev.pullplan.PullplanException e) {
      return Optional.empty();
    }
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    return type == ClusterCredentials.class ? Optional.of(type.cast(new AksClusterCredentials(resources)))
        : Optional.empty();
  }
}
