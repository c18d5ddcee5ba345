package dev.pullplan.state;

import dev.pullplan.address.Address;
import dev.pullplan.spi.ResourceState;

/**
 * An object or credential that a change is replacing, recorded in state <em>before</em> the new
 * one is made (Terraform's "deposed" objects): a crash between making the new one and removing the
 * old one leaves this record, and the next apply removes what it names. Without it the old
 * credential would live only in the memory of the process that died, valid until it expires.
 *
 * @param key tells apart several deposed records of one address
 * @param kind what removing it means
 * @param object the old object as state recorded it, with what its removal needs (a key id, a slot)
 */
public record Deposed(String key, Kind kind, ResourceState object) {

  /** What is being replaced. */
  public enum Kind {
    /** The old password of a rotation (or of an update that made a new one): retired, the object kept. */
    CREDENTIAL,
    /** The old object of a create-before-destroy replacement: deleted, unless it is the live one again. */
    OBJECT;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Address address() {
    return object.address();
  }

  /** What the plan says about it. */
  public String description() {
    return kind == Kind.CREDENTIAL ? "retire deposed credential" : "destroy deposed object " + object.id();
  }
}
