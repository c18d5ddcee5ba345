package dev.pullplan.provider.azure;

import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import dev.pullplan.PullplanException;
import dev.pullplan.spi.PullRoleCheck.Finding;
import dev.pullplan.spi.ResourceState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the registry's token server would decide for a grantee, from the role assignments that apply
 * at the registry's scope — made there or inherited from a resource group, subscription or
 * management group above it — and the registry's mode as ARM reports them now. The role the attach
 * grants is preferred in the answer, then one made at the registry; a broader role passes with a
 * note, since a plan does not count it and still grants the pull role.
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
    String grantee = who.named();
    String wanted = PullRoleHonour.wanted(registry.mode());
    List<RoleAssignmentInner> held = assignments.reaching(registry.id()).stream()
        .filter(a -> who.objectId().equalsIgnoreCase(a.principalId()) && a.roleDefinitionId() != null)
        .sorted(Comparator.comparing((RoleAssignmentInner a) -> !roleOf(a).equals(wanted))
            .thenComparing(a -> RoleAssignments.inheritedFrom(a, registry.id()).isPresent()))
        .toList();
    for (RoleAssignmentInner a : held) {
      String role = roleOf(a);
      Optional<String> why = PullRoleHonour.honoured(registry.mode(), role, Optional.ofNullable(a.condition()));
      if (why.isPresent()) {
        return new Finding(true, grantee + " holds " + role + " on " + where(a, registry) + " (" + why.get()
            + (role.equals(wanted) ? "" : "; broader than the " + wanted + " the attach grants, which `pullplan plan`"
                + " still grants at the registry") + ")");
      }
    }
    String holds = held.isEmpty() ? "holds no role"
        : "holds only " + String.join(", ", held.stream().map(PullRoleVerdict::roleOf).toList());
    return new Finding(false, grantee + " " + holds + " on registry " + registry.name() + ", which is in "
        + registry.mode().wire + " mode: its token server grants no pull; `pullplan plan` shows the "
        + wanted + " assignment to make");
  }

  /**
   * The check could not be made (the registry, the cluster or the role assignments could not be
   * read): a failed row that names the recorded grantee and registry, so a verify of several
   * registries says which one, and goes on with the others.
   */
  static Finding unchecked(ResourceState recorded, PullplanException e) {
    return new Finding(false, Grantee.Principal.recorded(recorded).named() + " on "
        + ArmScopes.describe(recorded.string("scope")) + ": the role check could not be made: " + e.getMessage());
  }

  private static String roleOf(RoleAssignmentInner a) {
    return PullRoleHonour.name(RoleAssignmentNames.roleGuid(a.roleDefinitionId()));
  }

  /** "registry X", or "resource group rg, inherited". */
  private static String where(RoleAssignmentInner a, AcrRegistry registry) {
    return RoleAssignments.inheritedFrom(a, registry.id()).map(from -> ArmScopes.describe(from) + ", inherited")
        .orElse("registry " + registry.name());
  }
}
