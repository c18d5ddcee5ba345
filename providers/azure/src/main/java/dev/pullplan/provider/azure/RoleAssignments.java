package dev.pullplan.provider.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleDefinitionInner;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import dev.pullplan.spi.OncePerKey;
import dev.pullplan.PullplanException;
import dev.pullplan.spi.RunContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Role assignments at registry scopes, shared by {@code azure_acr_attach} and
 * {@code azure_role_assignment}: one listing per scope per run (with those inherited from above it), deterministic names, adoption of
 * an identical assignment on 409, and waiting out Entra replication on 400 PrincipalNotFound.
 */
final class RoleAssignments {
  /** Built-in role ids are the same in every cloud and tenant; others are looked up by name. */
  private static final Map<String, String> BUILT_IN = PullRoleMapping.BUILT_IN_NAMES.entrySet().stream()
      .collect(java.util.stream.Collectors.toUnmodifiableMap(e -> e.getValue().toLowerCase(Locale.ROOT),
          Map.Entry::getKey));

  private final RunContext run;
  private final Lazy<AzureConnection> connection;
  private final OncePerKey<String, List<RoleAssignmentInner>> byScope = new OncePerKey<>();
  private final Map<String, String> roleIds = new ConcurrentHashMap<>();

  /**
   * A role assignment pullplan made, or found identical: {@code adopted} when it does not carry this
   * stack's mark, so pullplan records it but does not own it (destroy leaves it in place).
   */
  record Grant(RoleAssignmentInner assignment, boolean adopted) {}

  RoleAssignments(RunContext run, Lazy<AzureConnection> connection) {
    this.run = run;
    this.connection = connection;
  }

  /**
   * What applies at this scope: the assignments at it and those inherited from above it, which is
   * what ARM's {@code atScope()} lists. A management group's assignment is taken on ARM's word: that
   * it lists one for this scope is the proof that the group is above it, which no path shows.
   */
  List<RoleAssignmentInner> reaching(String scope) {
    return byScope.get(RoleAssignmentNames.normalize(scope), k ->
        AzureCalls.call(AzureOperation.LIST_ROLE_ASSIGNMENTS, scope, () ->
            client().listForScope(scope, "atScope()", null, null, Context.NONE).stream()
                .filter(a -> a.scope() == null || ArmScopes.contains(a.scope(), scope)
                    || ArmScopes.isManagementGroup(a.scope()))
                .toList()));
  }

  /** The assignments at exactly this scope (not inherited ones): where pullplan grants. */
  List<RoleAssignmentInner> atScope(String scope) {
    return reaching(scope).stream().filter(a -> inheritedFrom(a, scope).isEmpty()).toList();
  }

  /** The scope above {@code scope} that the assignment is made at, or empty when it is made at {@code scope}. */
  static Optional<String> inheritedFrom(RoleAssignmentInner assignment, String scope) {
    return Optional.ofNullable(assignment.scope()).filter(s -> !ArmScopes.same(s, scope));
  }

  /** By name among the assignments that apply at the scope: one recorded as inherited is found too. */
  Optional<RoleAssignmentInner> byName(String scope, String name) {
    return reaching(scope).stream().filter(a -> name.equalsIgnoreCase(a.name())).findFirst();
  }

  /** An assignment at the scope of the same role to the same principal, whatever its name. */
  Optional<RoleAssignmentInner> equivalent(String scope, String principalId, String roleDefinitionId) {
    return atScope(scope).stream().filter(grants(principalId, roleDefinitionId)).findFirst();
  }

  /**
   * An assignment inherited from above the scope that grants there what pullplan would: the same
   * role to the same principal, without a condition or with the one pullplan would write. One with
   * another condition limits the principal to other repositories, so it covers nothing.
   */
  Optional<RoleAssignmentInner> inheritedEquivalent(String scope, String principalId, String roleDefinitionId,
      Optional<String> condition) {
    return reaching(scope).stream()
        .filter(a -> inheritedFrom(a, scope).isPresent())
        .filter(grants(principalId, roleDefinitionId))
        .filter(a -> a.condition() == null || PullRoleMapping.sameCondition(condition, Optional.of(a.condition())))
        .findFirst();
  }

  private static Predicate<RoleAssignmentInner> grants(String principalId, String roleDefinitionId) {
    String role = RoleAssignmentNames.roleGuid(roleDefinitionId);
    return a -> principalId.equalsIgnoreCase(a.principalId()) && a.roleDefinitionId() != null
        && RoleAssignmentNames.roleGuid(a.roleDefinitionId()).equals(role);
  }

  /**
   * The mark pullplan writes into the description of every assignment it makes. The deterministic
   * name is no proof of ownership (anyone can compute it, and {@code az aks update --attach-acr}
   * leaves a random name and no description): only this mark is.
   */
  static String mark(String stack) {
    return "pullplan: stack " + stack;
  }

  /** Whether this stack made the assignment. */
  boolean ours(RoleAssignmentInner assignment) {
    return mark(run.stackName()).equals(assignment.description());
  }

  /** The full id of a role by name ("AcrPull"), as role assignments reference it. */
  String roleDefinitionId(String subscriptionId, String roleName) {
    String guid = roleIds.computeIfAbsent(roleName.toLowerCase(Locale.ROOT), k ->
        Optional.ofNullable(BUILT_IN.get(k)).orElseGet(() -> lookUpRole(subscriptionId, roleName)));
    return "/subscriptions/" + subscriptionId + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
  }

  private String lookUpRole(String subscriptionId, String roleName) {
    String scope = "/subscriptions/" + subscriptionId;
    List<RoleDefinitionInner> found = AzureCalls.call(AzureOperation.READ_ROLE_DEFINITION, scope, () ->
        connection.get().home().authorization().roleServiceClient().getRoleDefinitions()
            .list(scope, "roleName eq '" + ODataText.quote(roleName) + "'", Context.NONE).stream().toList());
    return found.stream().findFirst().map(RoleDefinitionInner::name)
        .orElseThrow(() -> new PullplanException("role \"" + roleName + "\" does not exist in subscription "
            + subscriptionId));
  }

  /**
   * Grants {@code roleDefinitionId} to a service principal at {@code scope} under the
   * deterministic name. An identical assignment that already exists is taken as it is: as this
   * stack's when it carries the stack's {@link #mark} (a run that died before writing state), as
   * adopted (recorded, not owned) when it does not (made by {@code az aks update --attach-acr}).
   */
  Grant grant(String scope, String principalId, String roleDefinitionId) {
    return grant(scope, principalId, roleDefinitionId, Optional.empty());
  }

  /**
   * As above, with an ABAC condition (version 2.0). The name does not depend on the condition: a PUT
   * under the same name changes the condition in place, which ARM allows.
   */
  Grant grant(String scope, String principalId, String roleDefinitionId, Optional<String> condition) {
    String name = RoleAssignmentNames.of(scope, principalId, roleDefinitionId);
    Optional<RoleAssignmentInner> present = byName(scope, name)
        .or(() -> equivalent(scope, principalId, roleDefinitionId));
    if (present.isPresent() && !ours(present.get())) {
      // a PUT under its name would stamp our mark on somebody else's assignment
      return new Grant(present.get(), true);
    }
    // principalType lets ARM skip its own directory lookup, which is what fails during replication
    RoleAssignmentCreateParameters parameters = new RoleAssignmentCreateParameters()
        .withRoleDefinitionId(roleDefinitionId)
        .withPrincipalId(principalId)
        .withPrincipalType(PrincipalType.SERVICE_PRINCIPAL)
        .withDescription(mark(run.stackName()));
    condition.ifPresent(c -> parameters.withCondition(c).withConditionVersion(PullRoleMapping.CONDITION_VERSION));
    try {
      RoleAssignmentInner created = ReplicationBackoff.retry(run, err -> err.is(400, "PrincipalNotFound"),
          () -> client().create(scope, name, parameters));
      forget(scope);
      return new Grant(created, false);
    } catch (RuntimeException e) {
      if (AzureError.of(e).filter(err -> err.is(409, "RoleAssignmentExists")).isEmpty()) {
        throw AzureCalls.translate(AzureOperation.CREATE_ROLE_ASSIGNMENT, scope, e);
      }
      forget(scope);
      RoleAssignmentInner existing = equivalent(scope, principalId, roleDefinitionId).orElseThrow(() ->
          new PullplanException("creating role assignment on " + scope + ": Azure says an identical assignment"
              + " exists but it is not listed at the scope; check `az role assignment list --scope " + scope
              + " --assignee " + principalId + "`", e));
      return new Grant(existing, !ours(existing));
    }
  }

  /** Removes the assignment of that name; already gone is fine. */
  void revoke(String scope, String name) {
    AzureCalls.delete(AzureOperation.DELETE_ROLE_ASSIGNMENT, scope, () -> {
      // ARM answers 204 for a missing assignment, which the SDK returns as null
      client().delete(scope, name);
    });
    forget(scope);
  }

  private void forget(String scope) {
    byScope.forget(RoleAssignmentNames.normalize(scope));
  }

  private RoleAssignmentsClient client() {
    return connection.get().home().authorization().roleServiceClient().getRoleAssignments();
  }
}
