package dev.pullplan.spi;

import dev.pullplan.address.Address;

/** A value that will only be known after apply, because it comes from a resource that changes. */
public record Unknown(Address from, String attribute) {

  @Override
  public String toString() {
    return "(known after apply)";
  }
}
