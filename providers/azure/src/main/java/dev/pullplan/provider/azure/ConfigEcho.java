package dev.pullplan.provider.azure;

import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.Unknown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attributes that exist only in the config (the stack, the registry block's name, a lifetime):
 * Azure cannot report them, so a read repeats what was applied — the state's value, else the
 * config's for an object found before it was recorded. Taking the state's value first is what lets
 * a change in the config show as a change in the plan.
 */
final class ConfigEcho {
  private ConfigEcho() {}

  static Map<String, Object> of(ReadRequest request, List<String> names) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : names) {
      Optional<Object> value = request.prior().map(p -> p.attributes().get(name))
          .or(() -> request.desired().map(d -> d.attributes().get(name)))
          .filter(v -> !(v instanceof Unknown));
      value.ifPresent(v -> out.put(name, v));
    }
    return out;
  }

  static Map<String, Object> of(Map<String, Object> desired, List<String> names) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : names) {
      Object v = desired.get(name);
      if (v != null) {
        out.put(name, v);
      }
    }
    return out;
  }

  static Optional<String> priorString(ReadRequest request, String name) {
    return request.prior().map(ResourceState::attributes).map(a -> a.get(name)).map(String::valueOf);
  }
}
