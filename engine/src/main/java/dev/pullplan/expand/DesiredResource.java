package dev.pullplan.expand;

import dev.pullplan.address.Address;
import dev.pullplan.spi.Lifecycle;
import java.util.Map;
import java.util.Set;

/**
 * One resource the config asks for, before references to other resources are resolved.
 *
 * @param attributes literal JSON-like values or {@link Ref}s
 * @param sensitive secret values ({@link Ref}s to a credential's password)
 * @param dependsOn resources that must be applied before this one (at least every {@link Ref} target)
 */
public record DesiredResource(
    Address address,
    String type,
    Map<String, Object> attributes,
    Map<String, Object> sensitive,
    Set<Address> dependsOn,
    Lifecycle lifecycle) {

  @Override
  public String toString() {
    return "DesiredResource[" + address + " " + type + " " + attributes + " sensitive=" + sensitive.keySet() + "]";
  }
}
