package dev.pullplan.expand;

import dev.pullplan.spi.Desired;
import dev.pullplan.spi.ResourceState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The desired object with the attributes its handler fixes at creation
 * ({@link dev.pullplan.spi.ResourceHandler#fixedAtCreation}) as state recorded them: what the plan
 * compares and what apply writes agree, whatever address the object has moved to since.
 */
public final class FixedAtCreation {
  private FixedAtCreation() {}

  public static Desired kept(Set<String> fixed, Desired desired, Optional<ResourceState> recorded) {
    if (fixed.isEmpty() || recorded.isEmpty()) {
      return desired;
    }
    Map<String, Object> attributes = new LinkedHashMap<>(desired.attributes());
    for (String name : fixed) {
      Object was = recorded.get().attributes().get(name);
      if (was != null && attributes.containsKey(name)) {
        attributes.put(name, was);
      }
    }
    return new Desired(desired.address(), desired.type(), attributes, desired.sensitive(), desired.lifecycle());
  }
}
