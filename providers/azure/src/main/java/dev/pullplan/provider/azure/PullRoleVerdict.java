package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import dev.pullplan.spi.PullRoleCheck.Finding;
import dev.pullplan.spi.ResourceState;
import java.util.List;
import java.util.Optional;

/**
 * What the registry's token server would decide for a grantee, from the role assignments at the
 * registry's scope and the registry's mode as ARM reports them now. Only assignments at the
 * registry itself are read (where pullplan grants); one inherited from a resource group is not seen.
 */
final class PullRoleVerdict {
  private final AzureResources resources;
  private final RoleAssignments assignments;

  PullRoleVerdict(AzureResources resources, RoleAssignments assignments) {
    this.resources = resources;
    this.assignments = assignments;
  }

  Finding check(ResourceState recorded, Grantee.Principal who) {
    AcrRegistry registry = resources.registryAt(recorded.string("scope"));
    String grantee = who.description().orElse("principal") + " (objectId " + who.objectId() + ")";
    List<RoleAssignmentInner> held = assignments.atScope(registry.id()).stream()
        .filter(a -> who.objectId().equalsIgnoreCase(a.principalId()) && a.roleDefinitionId() != null)
        .toList();
    for (RoleAssignmentInner a : held) {
      String role = PullRoleHonour.name(RoleAssignmentNames.roleGuid(a.roleDefinitionId()));
      Optional<String> why = PullRoleHonour.honoured(registry.mode(), role, Optional.ofNullable(a.condition()));
      if (why.isPresent()) {
        return new Finding(true, grantee + " holds " + role + " on registry " + registry.name() + " ("
            + why.get() + ")");
      }
    }
    String holds = held.isEmpty() ? "holds no role"
        : "holds only " + String.join(", ", held.stream()
            .map(a -> PullRoleHonour.name(RoleAssignmentNames.roleGuid(a.roleDefinitionId()))).toList());
    return new Finding(false, grantee + " " + holds + " on registry " + registry.name() + ", which is in "
        + registry.mode().wire + " mode: its token server grants no pull; `pullplan plan` shows the "
        + PullRoleHonour.wanted(registry.mode()) + " assignment to make");
  }
}
