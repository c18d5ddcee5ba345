package dev.pullplan.apply;

import dev.pullplan.address.Address;

/** A resource whose change failed, and why (a message for people, never a secret). */
public record ApplyFailure(Address address, String message) {

  @Override
  public String toString() {
    return address + ": " + message;
  }
}
