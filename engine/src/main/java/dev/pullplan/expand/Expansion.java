package dev.pullplan.expand;

import dev.pullplan.address.Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every resource the config asks for, in declaration order, and what was looked up to get them
 * (namespaces matched by a selector, per access).
 */
public record Expansion(List<DesiredResource> resources, Map<String, List<String>> selectedNamespaces) {

  public Optional<DesiredResource> resource(Address address) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst();
  }
}
