package dev.pullplan.provider.azure;

import dev.pullplan.spi.OncePerKey;
import com.azure.resourcemanager.containerregistry.fluent.ContainerRegistryManagementClient;
import com.azure.resourcemanager.containerregistry.fluent.models.ScopeMapInner;
import com.azure.resourcemanager.containerregistry.fluent.models.TokenInner;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One LIST per registry of its tokens and one of its scope maps, made by refresh's prefetch:
 * reads of a refresh look their object up here instead of a GET each (40 accesses over 2
 * registries: 4 calls, not 80). A create's guard against someone else's object of the same name
 * uses it too, listing the registry if this run did not yet: the refresh's answer, or one LIST for
 * all of an apply's creates instead of a GET before each. Other changes read what they change afresh.
 */
final class RegistryListings {
  private final Lazy<AzureConnection> connection;
  private final OncePerKey<String, Map<String, TokenInner>> tokens = new OncePerKey<>();
  private final OncePerKey<String, Map<String, ScopeMapInner>> scopeMaps = new OncePerKey<>();

  RegistryListings(Lazy<AzureConnection> connection) {
    this.connection = connection;
  }

  void preloadTokens(AcrRegistry registry) {
    tokens.get(registry.id().toLowerCase(Locale.ROOT), k -> byName(
        AzureCalls.call(AzureOperation.READ_TOKEN, "the tokens of " + registry.id(),
            () -> client(registry).getTokens().list(registry.resourceGroup(), registry.name()).stream().toList()),
        TokenInner::name));
  }

  void preloadScopeMaps(AcrRegistry registry) {
    scopeMaps.get(registry.id().toLowerCase(Locale.ROOT), k -> byName(
        AzureCalls.call(AzureOperation.READ_SCOPE_MAP, "the scope maps of " + registry.id(),
            () -> client(registry).getScopeMaps().list(registry.resourceGroup(), registry.name()).stream().toList()),
        ScopeMapInner::name));
  }

  /** The token as listed (empty inside: not there), or empty when the registry was not listed. */
  Optional<Optional<TokenInner>> token(AcrRegistry registry, String name) {
    return lookup(tokens, registry, name);
  }

  /** The scope map as listed (empty inside: not there), or empty when the registry was not listed. */
  Optional<Optional<ScopeMapInner>> scopeMap(AcrRegistry registry, String name) {
    return lookup(scopeMaps, registry, name);
  }

  /** The token as this run listed it, listing the registry's tokens first if it did not yet. */
  Optional<TokenInner> listedToken(AcrRegistry registry, String name) {
    preloadTokens(registry);
    return token(registry, name).orElseThrow();
  }

  /** The scope map as this run listed it, listing the registry's scope maps first if it did not yet. */
  Optional<ScopeMapInner> listedScopeMap(AcrRegistry registry, String name) {
    preloadScopeMaps(registry);
    return scopeMap(registry, name).orElseThrow();
  }

  private static <T> Optional<Optional<T>> lookup(OncePerKey<String, Map<String, T>> listings, AcrRegistry registry,
      String name) {
    return listings.ifMade(registry.id().toLowerCase(Locale.ROOT))
        .map(listed -> Optional.ofNullable(listed.get(name.toLowerCase(Locale.ROOT))));
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    // ACR names are case-insensitive
    Map<String, T> out = new HashMap<>();
    items.forEach(i -> out.put(name.apply(i).toLowerCase(Locale.ROOT), i));
    return out;
  }

  private ContainerRegistryManagementClient client(AcrRegistry registry) {
    return connection.get().managers(registry.subscriptionId()).registries().serviceClient();
  }
}
