package dev.pullplan.provider.azure;

import com.azure.resourcemanager.containerregistry.fluent.ScopeMapsClient;
import com.azure.resourcemanager.containerregistry.fluent.models.ScopeMapInner;
import dev.pullplan.PullplanException;
import dev.pullplan.expand.Expander;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Importable;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code acr_scope_map}: which repositories a token may pull from. PUT creates and updates alike. */
final class ScopeMapHandler implements ResourceHandler, Importable {
  private final RunContext run;
  private final Lazy<AzureConnection> connection;
  private final AzureResources resources;
  private final RegistryListings listings;

  ScopeMapHandler(RunContext run, Lazy<AzureConnection> connection, AzureResources resources,
      RegistryListings listings) {
    this.run = run;
    this.connection = connection;
    this.resources = resources;
    this.listings = listings;
  }

  @Override
  public Observed read(ReadRequest request) {
    AcrRegistry registry = request.prior().map(resources::registryOf)
        .orElseGet(() -> resources.registry(request.string(Expander.ACR)));
    String name = ConfigEcho.priorString(request, "name").orElseGet(() -> request.string("name"));
    // in a refresh, from the registry's scope map list when prefetch made it
    Optional<ScopeMapInner> found = listings.scopeMap(registry, name).orElseGet(() -> find(registry, name));
    if (found.isEmpty()) {
      return Observed.absent();
    }
    ScopeMapInner map = found.get();
    if (!ScopeMapMapping.isOurs(map.description())) {
      return new Observed.Foreign("scope map " + name + " in registry " + registry.name()
          + " exists and was not made by pullplan", "rename the access block or delete that scope map");
    }
    return Observed.Present.of(map.id(), attributes(ConfigEcho.of(request, ScopeMapMapping.CONFIG), map));
  }

  @Override
  public String idFormat() {
    return "the scope map's name (or its ARM id)";
  }

  /** Takes an existing scope map of the name the config gives under management; the next apply sets its actions. */
  @Override
  public Observed importById(ReadRequest request, String id) {
    String name = id.substring(id.lastIndexOf('/') + 1);
    Importable.requireConfigured(request, name, request.string("name"));
    AcrRegistry registry = resources.registry(request.string(Expander.ACR));
    if (id.contains("/") && !id.toLowerCase(java.util.Locale.ROOT).startsWith(registry.id().toLowerCase(java.util.Locale.ROOT) + "/")) {
      throw new PullplanException(id + " is not a scope map of registry " + registry.id() + ", which "
          + request.address() + " uses");
    }
    return find(registry, name).<Observed>map(map -> Observed.Present.of(map.id(),
            attributes(ConfigEcho.of(request, ScopeMapMapping.CONFIG), map)))
        .orElseGet(Observed::absent);
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    AcrRegistry registry = resources.registry(desired.string(Expander.ACR));
    String name = desired.string("name");
    listings.listedScopeMap(registry, name).filter(m -> !ScopeMapMapping.isOurs(m.description())).ifPresent(m -> {
      throw new PullplanException("creating scope map " + name + " in registry " + registry.name()
          + ": a scope map with that name exists that pullplan did not make");
    });
    return put(desired, registry);
  }

  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    return put(desired, resources.registryOf(prior));
  }

  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    AcrRegistry registry = resources.registryOf(prior);
    String name = prior.string("name");
    AzureCalls.delete(AzureOperation.DELETE_SCOPE_MAP, scope(registry, name), () ->
        client(registry).delete(registry.resourceGroup(), registry.name(), name));
  }

  /**
   * The name stays as made when the access is renamed or re-keyed: the name is the scope map's
   * identity in the registry, and its token points at it by name.
   */
  @Override
  public Set<String> fixedAtCreation() {
    return Set.of("name");
  }

  /** Named after the stack and the access, in the characters ACR allows. */
  @Override
  public Map<String, Object> derived(dev.pullplan.address.Address address, Map<String, Object> facts) {
    return AzureNames.with(facts, "name", AzureNames.acrName(String.valueOf(facts.get("stack")), address));
  }

  @Override
  public Set<String> replaceOn() {
    // the registry itself, not the name of the block that points at it
    return Set.of("acr", "name");
  }

  private Applied put(Desired desired, AcrRegistry registry) {
    String name = desired.string("name");
    ScopeMapInner body = new ScopeMapInner()
        .withDescription(ScopeMapMapping.description(run.stackName(), desired.address()))
        .withActions(ScopeMapMapping.actions(desired.stringList("repositories")));
    ScopeMapInner written = AzureCalls.call(AzureOperation.WRITE_SCOPE_MAP, scope(registry, name), () ->
        client(registry).create(registry.resourceGroup(), registry.name(), name, body));
    return Applied.of(written.id(), attributes(ConfigEcho.of(desired.attributes(), ScopeMapMapping.CONFIG), written));
  }

  private Optional<ScopeMapInner> find(AcrRegistry registry, String name) {
    return AzureCalls.find(AzureOperation.READ_SCOPE_MAP, scope(registry, name), () ->
        client(registry).get(registry.resourceGroup(), registry.name(), name));
  }

  private static Map<String, Object> attributes(Map<String, Object> config, ScopeMapInner map) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put("name", map.name());
    out.put("repositories", ScopeMapMapping.repositories(Optional.ofNullable(map.actions()).orElse(List.of())));
    out.put("scope_map_id", map.id());
    return out;
  }

  private ScopeMapsClient client(AcrRegistry registry) {
    return connection.get().managers(registry.subscriptionId()).registries().serviceClient().getScopeMaps();
  }

  private static String scope(AcrRegistry registry, String name) {
    return name + " in " + registry.id();
  }
}
