package dev.pullplan.expand;

import dev.pullplan.address.Address;
import java.util.Map;

/**
 * What the provider of a type adds to the facts the expansion gives a resource (see
 * {@code ResourceHandler#derived}): the expansion states what the config means, a provider how its
 * API spells it.
 */
@FunctionalInterface
public interface Derivation {
  /** For views of the config alone ({@code graph}): the facts as they are. */
  Derivation NONE = (type, address, facts) -> facts;

  Map<String, Object> derive(String type, Address address, Map<String, Object> facts);
}
