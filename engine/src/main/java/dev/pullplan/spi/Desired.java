package dev.pullplan.spi;

import dev.pullplan.address.Address;
import java.util.List;
import java.util.Map;

/**
 * A resource as the config wants it, with references to other resources already resolved.
 *
 * @param attributes JSON-like values (String, Long, Boolean, List, Map), or {@link Unknown} during
 *     a plan when the value comes from a resource that will change
 * @param sensitive values never shown: passwords. Also possibly {@link Unknown} during a plan.
 */
public record Desired(
    Address address, String type, Map<String, Object> attributes, Map<String, Object> sensitive, Lifecycle lifecycle) {

  public String string(String name) {
    Object v = attributes.get(name);
    if (v == null || v instanceof Unknown) {
      throw new IllegalStateException(address + "." + name + " is not known");
    }
    return String.valueOf(v);
  }

  public String sensitiveString(String name) {
    Object v = sensitive.get(name);
    if (v == null || v instanceof Unknown) {
      throw new IllegalStateException(address + "." + name + " is not known");
    }
    return (String) v;
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> stringMap(String name) {
    Object v = attributes.get(name);
    return v instanceof Map ? (Map<String, String>) v : Map.of();
  }

  @SuppressWarnings("unchecked")
  public List<String> stringList(String name) {
    Object v = attributes.get(name);
    return v instanceof List ? (List<String>) v : List.of();
  }

  @Override
  public String toString() {
    return "Desired[" + address + " " + type + " " + attributes + " sensitive=" + sensitive.keySet() + "]";
  }
}
