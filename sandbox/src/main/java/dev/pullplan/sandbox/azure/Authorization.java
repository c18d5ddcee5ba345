package dev.pullplan.sandbox.azure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Role definitions (the built-in ones pullplan meets) and role assignments. */
final class Authorization {

  static final String PULL_ACTION = "Microsoft.ContainerRegistry/registries/pull/read";
  /** What pulling is in a registry with ABAC repository permissions: a data action, per repository. */
  static final String REPOSITORY_READ = "Microsoft.ContainerRegistry/registries/repositories/content/read";
  static final String REPOSITORY_METADATA_READ = "Microsoft.ContainerRegistry/registries/repositories/metadata/read";

  /** A built-in role. */
  record RoleDefinition(String guid, String roleName, String description, List<String> actions,
      List<String> notActions, List<String> dataActions) {

    RoleDefinition(String guid, String roleName, String description, List<String> actions, List<String> notActions) {
      this(guid, roleName, description, actions, notActions, List.of());
    }

    /** Whether this role lets its principal pull from a registry in legacy (RBAC registry) mode. */
    boolean grantsPull() {
      return matchesAny(actions, PULL_ACTION) && !matchesAny(notActions, PULL_ACTION);
    }

    /** Whether this role lets its principal read repository content in ABAC mode (conditions aside). */
    boolean grantsRepositoryRead() {
      return matchesAny(dataActions, REPOSITORY_READ);
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
          List.of("Microsoft.ContainerRegistry/registries/artifacts/delete"), List.of()),
      // the ABAC-enabled roles, ids from Microsoft's built-in roles reference (Containers)
      new RoleDefinition("b93aa761-3e63-49ed-ac28-beffa264f7ac", "Container Registry Repository Reader",
          "Allows for read access to Azure Container Registry repositories, but excluding catalog listing.",
          List.of(), List.of(), List.of(REPOSITORY_METADATA_READ, REPOSITORY_READ)),
      new RoleDefinition("2a1e307c-b015-4ebd-883e-5b7698a07328", "Container Registry Repository Writer",
          "Allows for read and write access to Azure Container Registry repositories, but excluding catalog listing.",
          List.of(), List.of(), List.of(REPOSITORY_METADATA_READ, REPOSITORY_READ,
              "Microsoft.ContainerRegistry/registries/repositories/metadata/write",
              "Microsoft.ContainerRegistry/registries/repositories/content/write")),
      new RoleDefinition("2efddaa5-3f1f-4df3-97df-af3f13818f4c", "Container Registry Repository Contributor",
          "Allows for read, write, and delete access to Azure Container Registry repositories, but excluding catalog"
              + " listing.",
          List.of(), List.of(), List.of(REPOSITORY_METADATA_READ, REPOSITORY_READ,
              "Microsoft.ContainerRegistry/registries/repositories/metadata/write",
              "Microsoft.ContainerRegistry/registries/repositories/content/write",
              "Microsoft.ContainerRegistry/registries/repositories/metadata/delete",
              "Microsoft.ContainerRegistry/registries/repositories/content/delete")));

  /** A role assignment. {@code roleDefinitionId} is kept as the client sent it, as ARM does. */
  record Assignment(String name, String scope, String roleDefinitionId, RoleDefinition role, String principalId,
      String principalType, Instant createdOn, Optional<String> description, Optional<String> condition,
      Optional<String> conditionVersion) {

    String id() {
      return Scopes.child(scope, "/providers/Microsoft.Authorization/roleAssignments/" + name);
    }

    RoleAssignmentView view() {
      return new RoleAssignmentView(id(), name, scope, roleDefinitionId, role.roleName(), principalId, principalType,
          createdOn, condition, description);
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

  /**
   * Whether {@code principalId} may pull {@code repository} from {@code registry}, as the registry's
   * token server decides: only the roles of the registry's mode count. Legacy mode: a role with
   * {@code registries/pull/read} (AcrPull, AcrPush, Owner, Contributor, Reader), conditions not
   * supported. ABAC mode: a role with the {@code repositories/content/read} data action (the
   * Container Registry Repository roles), its condition — when it has one — evaluated for the
   * repository and failing closed; AcrPull and the control-plane roles grant nothing there.
   */
  boolean canPull(String principalId, RegistryState registry, String repository) {
    return assignments.stream()
        .filter(a -> a.principalId().equalsIgnoreCase(principalId) && Scopes.contains(a.scope(), registry.id()))
        .anyMatch(a -> switch (registry.roleAssignmentMode()) {
          case LEGACY -> a.role().grantsPull() && a.condition().isEmpty();
          case ABAC -> a.role().grantsRepositoryRead() && a.condition()
              .map(c -> RepositoryCondition.allows(c, REPOSITORY_READ, repository)).orElse(true);
        });
  }
}
