package dev.pullplan.plan;

import dev.pullplan.address.Address;

/** A resource state recorded at {@code from} and now records at {@code to}, because of a {@code moved} block. */
public record ResourceMove(Address from, Address to) {
  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
