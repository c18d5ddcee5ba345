package dev.pullplan.config;

import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.spi.Provider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which {@code provider} blocks the config may hold and what each may set: asked of the providers,
 * since only a provider knows its settings.
 */
final class ProviderSchemas {
  private final Map<String, BlockSchema> byName;

  private ProviderSchemas(Map<String, BlockSchema> byName) {
    this.byName = byName;
  }

  static ProviderSchemas of(ProviderRegistry providers) {
    Map<String, BlockSchema> byName = new TreeMap<>();
    for (Provider p : providers.providers()) {
      byName.put(p.name(), BlockSchema.of(p.settings(), List.of()));
    }
    return new ProviderSchemas(Map.copyOf(byName));
  }

  /**
   * The schema of {@code provider "NAME"}; with no provider at all (the engine's own tests, whose
   * class path has none) every block is read as written and left to be checked where the providers are.
   */
  java.util.Optional<BlockSchema> of(String name) {
    if (byName.isEmpty()) {
      return java.util.Optional.of(BlockSchema.open());
    }
    return java.util.Optional.ofNullable(byName.get(name));
  }

  Set<String> names() {
    return new java.util.TreeSet<>(byName.keySet());
  }
}
