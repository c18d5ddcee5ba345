package dev.pullplan.provider.azure;

import dev.pullplan.PullplanException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which role assignment gives a principal pull access on a registry in its mode, and whether an
 * existing one still does. Pure: the rules are unit-tested without a cloud.
 *
 * <p>The config asks for {@code AcrPull}, meaning "may pull". Legacy mode: AcrPull, and it cannot
 * be limited to repositories. ABAC mode: Container Registry Repository Reader, with a condition in
 * the form of Microsoft's ACR examples when the access names {@code repositories} ({@code team/app}
 * is that repository, {@code edge/*} every repository under {@code edge/}).
 */
final class PullRoleMapping {
  static final String ACR_PULL = "AcrPull";
  static final String REPOSITORY_READER = "Container Registry Repository Reader";
  static final String CONDITION_VERSION = "2.0";

  /** Role names by built-in role id, for saying what an existing assignment holds. */
  static final Map<String, String> BUILT_IN_NAMES = Map.of(
      "7f951dda-4ed3-4680-a7ca-43fe172d538d", ACR_PULL,
      "8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush",
      "b93aa761-3e63-49ed-ac28-beffa264f7ac", REPOSITORY_READER,
      "2a1e307c-b015-4ebd-883e-5b7698a07328", "Container Registry Repository Writer",
      "2efddaa5-3f1f-4df3-97df-af3f13818f4c", "Container Registry Repository Contributor");

  private static final String NAME = "@Request[Microsoft.ContainerRegistry/registries/repositories:name]";

  private PullRoleMapping() {}

  /** The role to assign and its condition. */
  record PullGrant(String roleName, Optional<String> condition) {}

  /**
   * What to assign for {@code requestedRole} on a registry in {@code mode}; a plan error when
   * {@code repositories} cannot be honoured there.
   */
  static PullGrant grant(String what, AcrRegistry registry, RegistryMode mode, String requestedRole,
      List<String> repositories) {
    boolean pull = requestedRole.equalsIgnoreCase(ACR_PULL);
    if (mode == RegistryMode.LEGACY) {
      if (!repositories.isEmpty()) {
        throw new PullplanException(what + ": `repositories` needs registry " + registry.name() + " in ABAC mode,"
            + " but it reports roleAssignmentMode " + mode.wire + ", where a role assignment cannot be limited to"
            + " repositories. Use a credential of type \"token\" for those repositories (mode \"pull_secret\"), or move the registry to"
            + " ABAC (`az acr update -n " + registry.name() + " --role-assignment-mode rbac-abac`, after granting"
            + " the Container Registry Repository roles its users need)");
      }
      return new PullGrant(requestedRole, Optional.empty());
    }
    if (!pull) {
      return new PullGrant(requestedRole, Optional.empty());
    }
    return new PullGrant(REPOSITORY_READER, repositories.isEmpty() ? Optional.empty()
        : Optional.of(condition(repositories)));
  }

  /**
   * Reads of repository content and metadata are allowed only for the named repositories; every
   * other action is left to the role. The form the portal's condition editor writes.
   */
  static String condition(List<String> repositories) {
    String names = repositories.stream().map(PullRoleMapping::nameTest).collect(Collectors.joining(" OR "));
    return "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})"
        + " AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}))"
        + " OR (" + names + "))";
  }

  private static String nameTest(String repository) {
    // the prefix keeps its slash: 'edge' alone would also match edge-infra/…
    return repository.endsWith("/*")
        ? NAME + " StringStartsWithIgnoreCase '" + repository.substring(0, repository.length() - 1) + "'"
        : NAME + " StringEqualsIgnoreCase '" + repository + "'";
  }

  /** Whether two conditions say the same, whitespace aside (ARM keeps the text as sent). */
  static boolean sameCondition(Optional<String> a, Optional<String> b) {
    return normalized(a).equals(normalized(b));
  }

  /** The name of a role by its id, or the id itself for a role pullplan does not know. */
  static String roleName(String roleGuid) {
    return BUILT_IN_NAMES.getOrDefault(roleGuid.toLowerCase(Locale.ROOT), roleGuid);
  }

  private static Optional<String> normalized(Optional<String> condition) {
    return condition.map(c -> c.replaceAll("\\s+", "")).filter(c -> !c.isEmpty());
  }
}
