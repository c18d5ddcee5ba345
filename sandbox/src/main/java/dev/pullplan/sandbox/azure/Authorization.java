package dev.pullplan.sandbox.azure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Role definitions (the built-in ones pullplan meets) and role assignments. */
final class Authorization {

  static final String PULL_ACTION = "Microsoft.ContainerRegistry/registries/pull/read";

  /** A built-in role. */
  record RoleDefinition(String guid, String roleName, String description, List<String> actions,
      List<String> notActions) {

    /** Whether an assignment of this role lets its principal pull from a registry in its scope. */
    boolean grantsPull() {
      return matchesAny(actions, PULL_ACTION) && !matchesAny(notActions, PULL_ACTION);
    }

    private static boolean matchesAny(List<String> patterns, String action) {
      return patterns.stream().anyMatch(p -> Pattern.compile(
          Pattern.quote(p).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE).matcher(action).matches());
    }
  }

  static final List<RoleDefinition> BUILT_IN = List.of(
      new RoleDefinition("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
          "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
          List.of("*"), List.of()),
      new RoleDefinition("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
          "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.",
          List.of("*"), List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
              "Microsoft.Authorization/elevateAccess/Action")),
      new RoleDefinition("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader",
          "View all resources, but does not allow you to make any changes.", List.of("*/read"), List.of()),
      new RoleDefinition("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator",
          "Lets you manage user access to Azure resources.",
          List.of("*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"), List.of()),
      new RoleDefinition("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull", "acr pull",
          List.of(PULL_ACTION), List.of()),
      new RoleDefinition("8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush", "acr push",
          List.of(PULL_ACTION, "Microsoft.ContainerRegistry/registries/push/write"), List.of()),
      new RoleDefinition("c2f4ef07-c644-48eb-af81-4b1b4947fb11", "AcrDelete", "acr delete",
          List.of("Microsoft.ContainerRegistry/registries/artifacts/delete"), List.of()));

  /** A role assignment. {@code roleDefinitionId} is kept as the client sent it, as ARM does. */
  record Assignment(String name, String scope, String roleDefinitionId, RoleDefinition role, String principalId,
      String principalType, Instant createdOn, Optional<String> description) {

    String id() {
      return Scopes.child(scope, "/providers/Microsoft.Authorization/roleAssignments/" + name);
    }

    RoleAssignmentView view() {
      return new RoleAssignmentView(id(), name, scope, roleDefinitionId, role.roleName(), principalId, principalType,
          createdOn);
    }
  }

  private final List<Assignment> assignments = new ArrayList<>();

  /** By a full role definition id (any scope prefix) or a bare GUID. */
  static Optional<RoleDefinition> definition(String roleDefinitionId) {
    String guid = roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1);
    return BUILT_IN.stream().filter(d -> d.guid().equalsIgnoreCase(guid)).findFirst();
  }

  Optional<Assignment> find(String scope, String name) {
    return assignments.stream()
        .filter(a -> a.name().equalsIgnoreCase(name) && Scopes.same(a.scope(), scope)).findFirst();
  }

  Optional<Assignment> findEquivalent(String scope, RoleDefinition role, String principalId) {
    return assignments.stream().filter(a -> Scopes.same(a.scope(), scope) && a.role().equals(role)
        && a.principalId().equalsIgnoreCase(principalId)).findFirst();
  }

  void add(Assignment assignment) {
    assignments.add(assignment);
  }

  boolean remove(Assignment assignment) {
    return assignments.remove(assignment);
  }

  List<Assignment> all() {
    return List.copyOf(assignments);
  }

  /**
   * What a list at {@code scope} returns: with {@code atScope()} the assignments at the scope and
   * above it, else also those below it; optionally for one principal.
   */
  List<Assignment> list(String scope, boolean atScope, Optional<String> principalId) {
    return assignments.stream()
        .filter(a -> Scopes.contains(a.scope(), scope) || (!atScope && Scopes.contains(scope, a.scope())))
        .filter(a -> principalId.map(p -> a.principalId().equalsIgnoreCase(p)).orElse(true))
        .toList();
  }

  /** Whether {@code principalId} holds a role that lets it pull from the registry {@code registryId}. */
  boolean canPull(String principalId, String registryId) {
    return assignments.stream().anyMatch(a -> a.principalId().equalsIgnoreCase(principalId)
        && Scopes.contains(a.scope(), registryId) && a.role().grantsPull());
  }
}
