package dev.pullplan.plan;

import dev.pullplan.address.Address;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.spi.ResourceState;
import java.util.List;
import java.util.Optional;

/**
 * The plan for one resource: {action, before, after} plus the reasons, which exist only to explain
 * the plan to people — apply never branches on them.
 *
 * @param desired what the config asks for (absent for a delete)
 * @param prior what exists now as refresh found it, in state form (absent for a create)
 * @param drift what changed outside pullplan since state recorded it
 * @param context lines that explain without being changes (entries others added, the identity
 *     that gets a role)
 */
public record Change(
    Address address,
    String type,
    String provider,
    Action action,
    Optional<DesiredResource> desired,
    Optional<ResourceState> prior,
    List<AttributeChange> attributes,
    List<String> reasons,
    Drift drift,
    List<String> context) {

  public String symbol() {
    return action.symbol();
  }

  /** This change explained otherwise: reasons only explain, so nothing else about it differs. */
  public Change withReasons(List<String> newReasons) {
    return new Change(address, type, provider, action, desired, prior, attributes, List.copyOf(newReasons), drift,
        context);
  }
}
