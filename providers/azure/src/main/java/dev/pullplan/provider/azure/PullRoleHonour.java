package dev.pullplan.provider.azure;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which held roles an ACR token server honours for a pull, by the registry's mode. Pure, so the
 * rules are unit-tested. Legacy mode: a role with {@code registries/pull/read} (AcrPull, AcrPush,
 * Owner, Contributor, Reader), and no condition (legacy mode supports none). ABAC mode: the
 * Container Registry Repository roles, their condition limiting the repositories; AcrPull and the
 * control-plane roles grant no pull there.
 */
final class PullRoleHonour {
  private static final Map<String, String> CONTROL_PLANE = Map.of(
      "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
      "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
      "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader");
  private static final Set<String> LEGACY_PULL = Set.of(PullRoleMapping.ACR_PULL, "AcrPush", "Owner", "Contributor",
      "Reader");
  private static final Set<String> ABAC_PULL = Set.of(PullRoleMapping.REPOSITORY_READER,
      "Container Registry Repository Writer", "Container Registry Repository Contributor");

  private PullRoleHonour() {}

  /** The role's name, for the built-in roles that matter to a pull; otherwise its id. */
  static String name(String roleGuid) {
    return CONTROL_PLANE.getOrDefault(roleGuid.toLowerCase(java.util.Locale.ROOT), PullRoleMapping.roleName(roleGuid));
  }

  /** Why the registry honours this role for a pull, or empty when it does not. */
  static Optional<String> honoured(RegistryMode mode, String roleName, Optional<String> condition) {
    return switch (mode) {
      case LEGACY -> LEGACY_PULL.contains(roleName) && condition.isEmpty()
          ? Optional.of("legacy mode honours it") : Optional.empty();
      case ABAC -> ABAC_PULL.contains(roleName)
          ? Optional.of(condition.isPresent() ? "ABAC mode honours it, for the repositories its condition allows"
              : "ABAC mode honours it, for every repository")
          : Optional.empty();
    };
  }

  /** The role the registry's mode wants for a pull, for the hint of a failed check. */
  static String wanted(RegistryMode mode) {
    return mode == RegistryMode.LEGACY ? PullRoleMapping.ACR_PULL : PullRoleMapping.REPOSITORY_READER;
  }
}
