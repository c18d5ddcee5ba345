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
    return registryByName(registryName).map(r -> registryIdentity(r, username, password)
        .map(who -> mayPull(r, who, Optional.empty())).orElse(false)).orElse(false);
  }

  /** Whether that login may pull {@code repository} of the registry now, by ACR's rules. */
  boolean mayPull(String registryName, String username, String password, String repository) {
    return registryByName(registryName).map(r -> registryIdentity(r, username, password)
        .map(who -> mayPull(r, who, Optional.of(repository))).orElse(false)).orElse(false);
  }

  /**
   * Who {@code username}/{@code password} is to the registry, when the password is right (whatever
   * it may pull): the admin user when enabled, a token with a live password, a service principal
   * with a live secret. Empty means the registry answers 401.
   */
  Optional<RegistryIdentity> registryIdentity(RegistryState r, String username, String password) {
    if (r.acceptsAdmin(username, password)) {
      return Optional.of(new RegistryIdentity.Admin(r.name()));
    }
    if (r.token(username).map(t -> t.authenticates(password, now())).orElse(false)) {
      return Optional.of(new RegistryIdentity.Token(r.token(username).orElseThrow().name()));
    }
    if (authenticates(username, password) && replicatedToRegistries(username, password)) {
      return principalByAppId(username);
    }
    return Optional.empty();
  }

  /**
   * Whether the matching password is older than the replication delay: a secret Entra made seconds
   * ago is not yet known to ACR's token server, which answers 401 until it is.
   */
  private boolean replicatedToRegistries(String appId, String secret) {
    return Stream.of(Kind.APPLICATION, Kind.SERVICE_PRINCIPAL)
        .flatMap(kind -> directory.byAppId(kind, appId).stream())
        .flatMap(o -> o.passwords().stream())
        .anyMatch(p -> p.isLive(now()) && p.secret().matches(secret)
            && !p.start().plus(faults.replicationDelay()).isAfter(now()));
  }

  /** The service principal of an application id, as an Entra token names it. */
  Optional<RegistryIdentity> principalByAppId(String appId) {
    return directory.byAppId(Kind.SERVICE_PRINCIPAL, appId)
        .map(sp -> new RegistryIdentity.Principal(sp.id(), appId));
  }

  /**
   * Whether {@code who} may pull {@code repository} (any repository, when empty) of the registry:
   * the admin always, a token by its scope map, a principal by its role assignments. This is the
   * one place the sandbox's registry asks {@link Authorization} about pulling.
   */
  boolean mayPull(RegistryState r, RegistryIdentity who, Optional<String> repository) {
    if (who instanceof RegistryIdentity.Admin) {
      return true;
    }
    if (who instanceof RegistryIdentity.Token t) {
      return r.token(t.name()).map(token -> token.mayPull(repository)).orElse(false);
    }
    RegistryIdentity.Principal p = (RegistryIdentity.Principal) who;
    return authorization.canPull(p.objectId(), r, repository.orElse(""));
  }

  /** The registry a token request names by its {@code service} (its login server). */
  Optional<RegistryState> registryByLoginServer(String service) {
    return registries.values().stream().filter(r -> r.loginServer().equalsIgnoreCase(service)).findFirst();
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
