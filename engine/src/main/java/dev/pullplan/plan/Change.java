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
 * @param drift differences between state and what exists that pullplan did not make
 * @param context lines that explain without being changes (entries others added, the identity
 *     that gets a role)
 */
public record Change(
    Address address,
    String type,
    String provider,
    Action action,
    boolean createBeforeDestroy,
    Optional<DesiredResource> desired,
    Optional<ResourceState> prior,
    List<AttributeChange> attributes,
    List<String> reasons,
    List<String> drift,
    List<String> context) {

  public String symbol() {
    if (action == Action.REPLACE && createBeforeDestroy) {
      return "+/-";
    }
    return action.symbol();
  }
}
