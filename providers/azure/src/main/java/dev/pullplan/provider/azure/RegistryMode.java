package dev.pullplan.provider.azure;

import com.azure.resourcemanager.containerregistry.models.RoleAssignmentMode;

/**
 * A registry's {@code roleAssignmentMode}: which roles its token server honours. In ABAC mode
 * AcrPull, AcrPush and AcrDelete grant nothing and Owner/Contributor/Reader keep only the control
 * plane; pulling takes a Container Registry Repository role, optionally limited to repositories by
 * a condition.
 */
enum RegistryMode {
  LEGACY("LegacyRegistryPermissions"),
  ABAC("AbacRepositoryPermissions");

  final String wire;

  RegistryMode(String wire) {
    this.wire = wire;
  }

  /** An absent mode is the legacy one: registries made before the property existed report none. */
  static RegistryMode of(RoleAssignmentMode mode) {
    return mode != null && mode.toString().equalsIgnoreCase(ABAC.wire) ? ABAC : LEGACY;
  }
}
