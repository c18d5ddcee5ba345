package dev.pullplan.plan;

import dev.pullplan.spi.Desired;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carries a handler's {@link dev.pullplan.spi.ResourceHandler#locators() locators} with the
 * object: what the provider reported, else what state recorded (refresh), else what the config
 * gives (the first apply, or an apply that changed it).
 */
public final class Locators {
  private Locators() {}

  /**
   * @param reported the attributes the handler returned
   * @param recorded the state's attributes, preferred during refresh so state keeps what last reached the object
   * @param configured the config's attributes
   */
  public static Map<String, Object> carried(Set<String> names, Map<String, Object> reported,
      Optional<Map<String, Object>> recorded, Optional<Map<String, Object>> configured) {
    if (names.isEmpty()) {
      return reported;
    }
    Map<String, Object> out = new LinkedHashMap<>(reported);
    for (String name : names) {
      if (out.containsKey(name)) {
        continue;
      }
      recorded.map(r -> r.get(name)).or(() -> configured.map(c -> c.get(name)))
          .filter(v -> !(v instanceof dev.pullplan.spi.Unknown))
          .ifPresent(v -> out.put(name, v));
    }
    return out;
  }

  /** The desired object as the plan shows and compares it: locators describe how to reach it, not it. */
  static Desired without(Set<String> names, Desired desired) {
    if (names.isEmpty()) {
      return desired;
    }
    Map<String, Object> attributes = new LinkedHashMap<>(desired.attributes());
    attributes.keySet().removeAll(names);
    return new Desired(desired.address(), desired.type(), attributes, desired.sensitive(), desired.lifecycle());
  }
}
