package dev.pullplan.model;

import dev.pullplan.diag.Position;
import java.util.Map;
import java.util.Optional;

/** A {@code provider} block: settings handed as they are to the provider of that name. */
public record ProviderBlock(String name, Map<String, String> settings, Position origin) {

  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }
}
