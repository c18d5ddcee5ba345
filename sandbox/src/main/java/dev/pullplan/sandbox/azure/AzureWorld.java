package dev.pullplan.sandbox.azure;

import dev.pullplan.sandbox.azure.DirectoryObject.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Everything that exists in the sandbox's Azure. Not thread-safe by itself: the sandbox serialises
 * every request and every view on this object's monitor.
 */
final class AzureWorld {

  private final AzureSeed seed;
  private final Clock clock;
  private final Faults faults;
  private final Directory directory = new Directory();
  private final Authorization authorization = new Authorization();
  private final Map<String, RegistryState> registries = new LinkedHashMap<>();
  private final Map<String, ClusterState> clusters = new LinkedHashMap<>();
  private final Operations operations = new Operations();

  AzureWorld(AzureSeed seed, Clock clock, Faults faults) {
    this.seed = seed;
    this.clock = clock;
    this.faults = faults;
    // seeded objects have existed for a long time: replication delay never applies to them
    Instant longAgo = clock.instant().minus(Duration.ofDays(30));
    for (AzureSeed.Registry r : seed.registries()) {
      registries.put(key(r.resourceGroup(), r.name()), new RegistryState(seed.subscriptionId(), r, longAgo));
    }
    for (AzureSeed.Cluster c : seed.clusters()) {
      clusters.put(key(c.resourceGroup(), c.name()), new ClusterState(seed.subscriptionId(), c));
      seedIdentity(c, longAgo);
    }
  }

  private void seedIdentity(AzureSeed.Cluster cluster, Instant created) {
    if (cluster.identity() instanceof AzureSeed.KubeletIdentity k) {
      directory.add(Kind.SERVICE_PRINCIPAL, k.objectId(), k.clientId(),
          Json.object().put("displayName", cluster.name() + "-agentpool")
              .put("servicePrincipalType", "ManagedIdentity").put("accountEnabled", true)
              .set("alternativeNames", Json.array().add("isExplicit=True").add(k.resourceId())), created);
    } else if (cluster.identity() instanceof AzureSeed.ClusterServicePrincipal sp) {
      String name = cluster.name() + "-sp";
      String appObjectId = UUID.nameUUIDFromBytes(sp.clientId().getBytes(StandardCharsets.UTF_8)).toString();
      directory.add(Kind.APPLICATION, appObjectId, sp.clientId(), Json.object().put("displayName", name), created);
      directory.add(Kind.SERVICE_PRINCIPAL, sp.objectId(), sp.clientId(), Json.object().put("displayName", name)
          .put("appDisplayName", name).put("servicePrincipalType", "Application").put("accountEnabled", true),
          created);
    }
  }

  AzureSeed seed() {
    return seed;
  }

  Instant now() {
    return clock.instant();
  }

  Directory directory() {
    return directory;
  }

  Authorization authorization() {
    return authorization;
  }

  Operations operations() {
    return operations;
  }

  String subscriptionId() {
    return seed.subscriptionId();
  }

  /** 404 {@code SubscriptionNotFound} unless it is the sandbox's subscription. */
  void requireSubscription(String subscriptionId) {
    if (!seed.subscriptionId().equalsIgnoreCase(subscriptionId)) {
      throw ApiException.notFound("SubscriptionNotFound", "The subscription '" + subscriptionId + "' could not be found.");
    }
  }

  /** The seed's spelling of the group; 404 {@code ResourceGroupNotFound} when it does not exist. */
  String requireResourceGroup(String subscriptionId, String group) {
    requireSubscription(subscriptionId);
    return seed.resourceGroups().stream().filter(g -> g.equalsIgnoreCase(group)).findFirst()
        .orElseThrow(() -> ApiException.notFound("ResourceGroupNotFound",
            "Resource group '" + group + "' could not be found."));
  }

  RegistryState requireRegistry(String subscriptionId, String group, String name) {
    String rg = requireResourceGroup(subscriptionId, group);
    return registry(rg, name).orElseThrow(() -> ApiException.notFound("ResourceNotFound",
        "The Resource '" + RegistryState.TYPE + "/" + name + "' under resource group '" + rg + "' was not found."));
  }

  ClusterState requireCluster(String subscriptionId, String group, String name) {
    String rg = requireResourceGroup(subscriptionId, group);
    return Optional.ofNullable(clusters.get(key(rg, name))).orElseThrow(() -> ApiException.notFound(
        "ResourceNotFound",
        "The Resource '" + ClusterState.TYPE + "/" + name + "' under resource group '" + rg + "' was not found."));
  }

  Optional<RegistryState> registry(String group, String name) {
    return Optional.ofNullable(registries.get(key(group, name)));
  }

  Optional<RegistryState> registryByName(String name) {
    return registries.values().stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }

  List<RegistryState> registries() {
    return List.copyOf(registries.values());
  }

  List<ClusterState> clusters() {
    return List.copyOf(clusters.values());
  }

  /**
   * Whether ARM's directory lookup finds {@code objectId}: a service principal that exists and has
   * had time to replicate.
   */
  boolean principalReplicated(String objectId) {
    return directory.get(Kind.SERVICE_PRINCIPAL, objectId)
        .map(sp -> !sp.created().plus(faults.replicationDelay()).isAfter(now()))
        .orElse(false);
  }

  /**
   * Whether {@code username}/{@code password} would let a client pull from the registry now: a
   * service principal's appId with a live password and a pull role on the registry, a token with a
   * live password and a pull scope map, or the admin user when enabled.
   */
  boolean acceptsRegistryLogin(String registryName, String username, String password) {
    return acceptsRegistryLogin(registryName, username, password, "");
  }

  /** As above for pulling {@code repository}: ABAC conditions are evaluated for it. */
  boolean acceptsRegistryLogin(String registryName, String username, String password, String repository) {
    Optional<RegistryState> registry = registryByName(registryName);
    if (registry.isEmpty()) {
      return false;
    }
    RegistryState r = registry.get();
    if (r.acceptsAdmin(username, password)) {
      return true;
    }
    if (r.token(username).map(t -> t.accepts(password, now())).orElse(false)) {
      return true;
    }
    return directory.byAppId(Kind.SERVICE_PRINCIPAL, username)
        .filter(sp -> authenticates(username, password))
        .map(sp -> authorization.canPull(sp.id(), r, repository))
        .orElse(false);
  }

  /** Whether a client-credentials login with this appId and secret succeeds (app or SP password). */
  boolean authenticates(String appId, String secret) {
    return directory.byAppId(Kind.SERVICE_PRINCIPAL, appId).isPresent()
        && Stream.of(Kind.APPLICATION, Kind.SERVICE_PRINCIPAL)
            .flatMap(kind -> directory.byAppId(kind, appId).stream())
            .flatMap(o -> o.passwords().stream())
            .anyMatch(p -> p.isLive(now()) && p.secret().matches(secret));
  }

  private static String key(String group, String name) {
    return (group + "/" + name).toLowerCase(Locale.ROOT);
  }
}
