package dev.pullplan.spi;

import dev.pullplan.address.Address;
import java.util.List;
import java.util.Map;

/**
 * What pullplan recorded about one resource after applying it.
 *
 * @param id the provider's id of the object (ARM id, {@code namespace/name}, ...)
 * @param sensitive secret values (passwords); encrypted in the state file when a key is set
 */
public record ResourceState(
    Address address,
    String type,
    String provider,
    String id,
    Map<String, Object> attributes,
    Map<String, String> sensitive,
    List<Address> dependsOn) {

  public String string(String name) {
    Object v = attributes.get(name);
    if (v == null) {
      throw new IllegalStateException(address + " has no attribute " + name + " in state");
    }
    return String.valueOf(v);
  }

  public ResourceState withAttributes(Map<String, Object> newAttributes, Map<String, String> newSensitive) {
    return new ResourceState(address, type, provider, id, newAttributes, newSensitive, dependsOn);
  }

  @Override
  public String toString() {
    return "ResourceState[" + address + " " + type + " id=" + id + " " + attributes
        + " sensitive=" + sensitive.keySet() + "]";
  }
}
