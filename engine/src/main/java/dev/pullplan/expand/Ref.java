package dev.pullplan.expand;

import dev.pullplan.address.Address;

/**
 * A desired value taken from another resource's state: the service principal's app id becomes
 * the secret's username. Resolved once that resource is applied (or is known not to change).
 */
public record Ref(Address address, String attribute, boolean sensitive) {

  public static Ref to(Address address, String attribute) {
    return new Ref(address, attribute, false);
  }

  public static Ref toSensitive(Address address, String attribute) {
    return new Ref(address, attribute, true);
  }

  @Override
  public String toString() {
    return "${" + address + "." + attribute + "}";
  }
}
