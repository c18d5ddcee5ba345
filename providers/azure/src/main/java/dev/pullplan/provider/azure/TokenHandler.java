package dev.pullplan.provider.azure;

import com.azure.resourcemanager.containerregistry.fluent.ContainerRegistryManagementClient;
import com.azure.resourcemanager.containerregistry.fluent.models.GenerateCredentialsResultInner;
import com.azure.resourcemanager.containerregistry.fluent.models.TokenInner;
import com.azure.resourcemanager.containerregistry.models.GenerateCredentialsParameters;
import com.azure.resourcemanager.containerregistry.models.TokenCredentialsProperties;
import com.azure.resourcemanager.containerregistry.models.TokenPassword;
import com.azure.resourcemanager.containerregistry.models.TokenPasswordName;
import com.azure.resourcemanager.containerregistry.models.TokenStatus;
import com.azure.resourcemanager.containerregistry.models.TokenUpdateParameters;
import dev.pullplan.PullplanException;
import dev.pullplan.expand.Expander;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Rotatable;
import dev.pullplan.spi.RunContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code acr_token}: an ACR token bound to a scope map, with a generated password. ACR shows a
 * password once, when it is generated; reads cannot return it and the engine keeps the state's.
 */
final class TokenHandler implements ResourceHandler, Rotatable {
  private final RunContext run;
  private final Lazy<AzureConnection> connection;
  private final AzureResources resources;
  private final RegistryListings listings;

  /** ACR shows a token's password only when it is generated, so an import would give no Secret. */
  private static final String FOREIGN_HINT = "rename the access block (the token's name comes from it) or delete"
      + " that token; pullplan cannot import a token, as ACR shows its password only when it is generated";

  TokenHandler(RunContext run, Lazy<AzureConnection> connection, AzureResources resources, RegistryListings listings) {
    this.run = run;
    this.connection = connection;
    this.resources = resources;
    this.listings = listings;
  }

  @Override
  public Observed read(ReadRequest request) {
    if (request.prior().isEmpty()) {
      // a token left by a crashed run is bound to our scope map and has a password nobody knows:
      // create generates a new one. A token bound to another scope map is someone else's.
      return request.desired().flatMap(d -> foreignToken(d, this::listedOrFound))
          .<Observed>map(t -> new Observed.Foreign(notOurs(t), FOREIGN_HINT))
          .orElseGet(Observed::absent);
    }
    ResourceState prior = request.prior().get();
    AcrRegistry registry = resources.registryOf(prior);
    Optional<TokenInner> token = listedOrFound(registry, prior.string("name"));
    Optional<TokenPassword> password = token.flatMap(t -> TokenMapping.slot(t, prior.string("password_name")));
    if (password.isEmpty()) {
      return Observed.absent();
    }
    TokenInner t = token.get();
    Map<String, Object> attributes = registry.withLoginServer(TokenMapping.attributes(
        ConfigEcho.of(request, TokenMapping.CONFIG), t.name(), t.scopeMapId(), password.get()));
    List<String> context = TokenStatus.DISABLED.equals(t.status())
        ? List.of("token " + t.name() + " is disabled in the registry: pulls with it fail") : List.of();
    return new Observed.Present(t.id(), attributes, Map.of(), context);
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    AcrRegistry registry = resources.registry(desired.string(Expander.ACR));
    String name = desired.string("name");
    foreignToken(desired, listings::listedToken).ifPresent(t -> {
      throw new PullplanException("creating token " + name + " in registry " + registry.name() + ": " + notOurs(t)
          + "; " + FOREIGN_HINT);
    });
    TokenInner body = new TokenInner().withScopeMapId(desired.string("scope_map_id")).withStatus(TokenStatus.ENABLED);
    TokenInner token = AzureCalls.call(AzureOperation.WRITE_TOKEN, scope(registry, name), () ->
        client(registry).getTokens().create(registry.resourceGroup(), registry.name(), name, body));
    return withNewPassword(desired, registry, token, TokenMapping.FIRST_SLOT, Optional.empty());
  }

  @Override
  public Applied rotate(Desired desired, ResourceState prior, ApplyContext context) {
    AcrRegistry registry = resources.registryOf(prior);
    TokenInner token = require(registry, prior);
    return withNewPassword(desired, registry, token, TokenMapping.otherSlot(prior.string("password_name")),
        Optional.of(prior));
  }

  /** Removes the slot a rotation replaced, keeping the other. */
  @Override
  public void retire(ResourceState deposed, ApplyContext context) {
    AcrRegistry registry = resources.registryOf(deposed);
    String slot = deposed.string("password_name");
    keepOnly(registry, deposed.string("name"), p -> !p.name().toString().equalsIgnoreCase(slot));
  }

  /** Keeps only the slot state holds: the other is the old password, or one a crashed run generated. */
  @Override
  public void retireAllBut(ResourceState current, ApplyContext context) {
    AcrRegistry registry = resources.registryOf(current);
    String slot = current.string("password_name");
    keepOnly(registry, current.string("name"), p -> p.name().toString().equalsIgnoreCase(slot));
  }

  private void keepOnly(AcrRegistry registry, String name, java.util.function.Predicate<TokenPassword> kept) {
    Optional<TokenInner> token = find(registry, name);
    if (token.isEmpty()) {
      return;
    }
    List<TokenPassword> passwords = TokenMapping.passwords(token.get());
    List<TokenPassword> keep = passwords.stream().filter(p -> p.name() != null).filter(kept)
        .map(p -> new TokenPassword().withName(p.name()).withExpiry(p.expiry()).withCreationTime(p.creationTime()))
        .toList();
    if (keep.size() == passwords.size()) {
      return;
    }
    TokenUpdateParameters update = new TokenUpdateParameters()
        .withCredentials(new TokenCredentialsProperties().withPasswords(keep));
    AzureCalls.run(AzureOperation.WRITE_TOKEN, scope(registry, name), () ->
        client(registry).getTokens().update(registry.resourceGroup(), registry.name(), name, update));
  }

  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    AcrRegistry registry = resources.registryOf(prior);
    String name = prior.string("name");
    TokenInner token = require(registry, prior);
    if (!desired.string("scope_map_id").equalsIgnoreCase(token.scopeMapId())) {
      TokenUpdateParameters update = new TokenUpdateParameters().withScopeMapId(desired.string("scope_map_id"));
      token = AzureCalls.call(AzureOperation.WRITE_TOKEN, scope(registry, name), () ->
          client(registry).getTokens().update(registry.resourceGroup(), registry.name(), name, update));
    }
    if (!Objects.equals(desired.attributes().get("expires_after"), prior.attributes().get("expires_after"))) {
      // an expiry cannot change in place: the other slot gets a password with the new one
      return withNewPassword(desired, registry, token, TokenMapping.otherSlot(prior.string("password_name")),
          Optional.of(prior));
    }
    TokenPassword password = TokenMapping.slot(token, prior.string("password_name")).orElseThrow(() ->
        new PullplanException("updating " + desired.address() + ": its password is gone; run plan again"));
    return Applied.of(token.id(), registry.withLoginServer(TokenMapping.attributes(
        ConfigEcho.of(desired.attributes(), TokenMapping.CONFIG), token.name(), token.scopeMapId(), password)),
        prior.sensitive());
  }

  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    AcrRegistry registry = resources.registryOf(prior);
    String name = prior.string("name");
    AzureCalls.delete(AzureOperation.DELETE_TOKEN, scope(registry, name), () ->
        client(registry).getTokens().delete(registry.resourceGroup(), registry.name(), name));
  }

  @Override
  public String whyNotImportable() {
    return "ACR returns a token's password only when it is generated, so no Secret could be written from an"
        + " imported token: let pullplan create its own token (rename the access block, or delete the existing token)";
  }

  /**
   * The name stays as made when the access is renamed or re-keyed: a token of another name is
   * another token, with other passwords.
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

  /** The registry's login server, which ARM answers and the config never states. */
  @Override
  public Set<String> computed() {
    return Set.of(AcrRegistry.SERVER);
  }

  private Applied withNewPassword(Desired desired, AcrRegistry registry, TokenInner token, String slot,
      Optional<ResourceState> replaced) {
    GenerateCredentialsParameters parameters = new GenerateCredentialsParameters()
        .withTokenId(token.id())
        .withName(TokenPasswordName.fromString(slot))
        .withExpiry(CredentialLifetime.endFrom(run.clock().instant(), desired.attributes()));
    GenerateCredentialsResultInner result = AzureCalls.call(AzureOperation.GENERATE_TOKEN_PASSWORD, registry.id(),
        () -> client(registry).getRegistries().generateCredentials(registry.resourceGroup(), registry.name(),
            parameters));
    TokenPassword generated = Optional.ofNullable(result.passwords()).orElse(List.of()).stream()
        .filter(p -> p.name() != null && p.name().toString().equalsIgnoreCase(slot))
        .findFirst()
        .orElseThrow(() -> new PullplanException("generating a token password on " + registry.id()
            + ": ACR returned no " + slot + " for token " + token.name()));
    Map<String, Object> attributes = registry.withLoginServer(TokenMapping.attributes(
        ConfigEcho.of(desired.attributes(), TokenMapping.CONFIG), token.name(), token.scopeMapId(), generated));
    return new Applied(token.id(), attributes, Map.of("password", generated.value()), replaced);
  }

  /**
   * The token of the wanted name when it is bound to another scope map than the wanted one: tokens
   * carry no tags, and pullplan's own are bound to its scope map. While that scope map is still to
   * be made in this run its id is unknown, but it will be the scope map of the token's own name in
   * the same registry (the expansion names both alike): any other binding is someone else's token,
   * found at plan time rather than in the middle of apply.
   */
  private Optional<TokenInner> foreignToken(Desired desired,
      java.util.function.BiFunction<AcrRegistry, String, Optional<TokenInner>> lookup) {
    AcrRegistry registry = resources.registry(desired.string(Expander.ACR));
    String name = desired.string("name");
    String wanted = desired.attributes().get("scope_map_id") instanceof String known && !known.isBlank()
        ? known : registry.id() + "/scopeMaps/" + name;
    return lookup.apply(registry, name).filter(t -> !wanted.equalsIgnoreCase(t.scopeMapId()));
  }

  private static String notOurs(TokenInner token) {
    return "token " + token.name() + " exists and was not made by pullplan (it uses scope map " + token.scopeMapId()
        + ")";
  }

  private TokenInner require(AcrRegistry registry, ResourceState prior) {
    return find(registry, prior.string("name")).orElseThrow(() -> new PullplanException(
        prior.address() + ": token " + prior.string("name") + " no longer exists in " + registry.name()
            + "; run plan again"));
  }

  /** In a refresh, from the registry's token list when prefetch made it; otherwise a GET. */
  private Optional<TokenInner> listedOrFound(AcrRegistry registry, String name) {
    return listings.token(registry, name).orElseGet(() -> find(registry, name));
  }

  private Optional<TokenInner> find(AcrRegistry registry, String name) {
    return AzureCalls.find(AzureOperation.READ_TOKEN, scope(registry, name), () ->
        client(registry).getTokens().get(registry.resourceGroup(), registry.name(), name));
  }

  private ContainerRegistryManagementClient client(AcrRegistry registry) {
    return connection.get().managers(registry.subscriptionId()).registries().serviceClient();
  }

  private static String scope(AcrRegistry registry, String name) {
    return name + " in " + registry.id();
  }
}
