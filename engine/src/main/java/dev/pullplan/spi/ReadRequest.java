package dev.pullplan.spi;

import dev.pullplan.address.Address;
import java.util.Optional;

/**
 * What to read: the resource as the config wants it (absent when it is only in state, about to be
 * deleted) and as state last recorded it (absent when new). Values the config takes from another
 * resource that will change in this run are {@link Unknown}.
 */
public record ReadRequest(Address address, String type, Optional<Desired> desired, Optional<ResourceState> prior) {

  /** The attribute from the config, else from state. */
  public Optional<Object> attribute(String name) {
    Optional<Object> fromConfig = desired.map(d -> d.attributes().get(name));
    return fromConfig.isPresent() ? fromConfig : prior.map(p -> p.attributes().get(name));
  }

  /**
   * Where the object is: the attribute as state recorded it, else the config's (an object not yet
   * recorded). Reads locate objects this way, so a changed config still finds what was made.
   */
  public String located(String name) {
    Optional<Object> recorded = prior.map(p -> p.attributes().get(name));
    return recorded.or(() -> desired.map(d -> d.attributes().get(name))).map(String::valueOf)
        .orElseThrow(() -> new IllegalStateException(address + " has no attribute " + name));
  }

  public String string(String name) {
    return attribute(name).map(String::valueOf)
        .orElseThrow(() -> new IllegalStateException(address + " has no attribute " + name));
  }
}
