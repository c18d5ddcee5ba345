package dev.pullplan.context;

import dev.pullplan.PullplanException;
import dev.pullplan.spi.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The providers on the class path, and which one handles each resource type. */
public final class ProviderRegistry {
  private final List<Provider> providers;
  private final Map<String, Provider> byType = new TreeMap<>();

  public ProviderRegistry(List<Provider> providers) {
    this.providers = List.copyOf(providers);
    for (Provider p : providers) {
      for (String type : p.resourceTypes()) {
        Provider previous = byType.putIfAbsent(type, p);
        if (previous != null) {
          throw new IllegalStateException("resource type " + type + " is claimed by both "
              + previous.name() + " and " + p.name());
        }
      }
    }
  }

  /** Every provider found with {@link ServiceLoader} on the class path. */
  public static ProviderRegistry discover() {
    List<Provider> found = new ArrayList<>();
    ServiceLoader.load(Provider.class).forEach(found::add);
    return new ProviderRegistry(found);
  }

  public List<Provider> providers() {
    return providers;
  }

  public Optional<Provider> forType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  public Provider require(String type) {
    return forType(type).orElseThrow(() -> new PullplanException("no provider handles resource type "
        + type + "; this pullplan build has: " + String.join(", ", byType.keySet())));
  }
}
