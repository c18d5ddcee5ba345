package dev.pullplan.spi;

import java.util.Map;
import java.util.Optional;

/**
 * The result of a create, update or rotate: what to record, and what was left behind to be
 * retired once the dependants use the new object (the old password of a rotation).
 */
public record Applied(
    String id, Map<String, Object> attributes, Map<String, String> sensitive, Optional<ResourceState> deposed) {

  public static Applied of(String id, Map<String, Object> attributes, Map<String, String> sensitive) {
    return new Applied(id, attributes, sensitive, Optional.empty());
  }

  public static Applied of(String id, Map<String, Object> attributes) {
    return of(id, attributes, Map.of());
  }

  @Override
  public String toString() {
    return "Applied[id=" + id + " " + attributes + " sensitive=" + sensitive.keySet() + "]";
  }
}
