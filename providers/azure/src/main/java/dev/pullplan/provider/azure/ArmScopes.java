package dev.pullplan.provider.azure;

import java.util.List;

/**
 * ARM scopes as role assignments name them: root {@code /}, a management group, a subscription, a
 * resource group, a resource. They compare case-insensitively and contain each other by whole path
 * segments: {@code /subscriptions/a/resourceGroups/rg} contains its registries, not those of
 * {@code rg2}. Pure, so the rules are unit-tested.
 */
final class ArmScopes {
  private static final String MANAGEMENT_GROUP = "/providers/microsoft.management/managementgroups/";

  private ArmScopes() {}

  static boolean same(String a, String b) {
    return RoleAssignmentNames.normalize(a).equals(RoleAssignmentNames.normalize(b));
  }

  /**
   * Whether an assignment at {@code outer} applies at {@code inner}, as far as the paths tell: the
   * same scope, the root, or a parent by whole segments. A management group's place above a
   * subscription is not in the path ({@link #isManagementGroup}).
   */
  static boolean contains(String outer, String inner) {
    String o = RoleAssignmentNames.normalize(outer);
    String i = RoleAssignmentNames.normalize(inner);
    return o.equals(i) || i.startsWith(o + "/");
  }

  static boolean isManagementGroup(String scope) {
    return RoleAssignmentNames.normalize(scope).startsWith(MANAGEMENT_GROUP);
  }

  /** The scope in words, for plan and verify lines: "resource group rg", "subscription …". */
  static String describe(String scope) {
    List<String> parts = segments(scope);
    if (parts.isEmpty()) {
      return "the root scope /";
    }
    if (isManagementGroup(scope) && parts.size() == 4) {
      return "management group " + parts.get(3);
    }
    if (parts.size() == 2 && parts.get(0).equalsIgnoreCase("subscriptions")) {
      return "subscription " + parts.get(1);
    }
    if (parts.size() == 4 && parts.get(2).equalsIgnoreCase("resourceGroups")) {
      return "resource group " + parts.get(3);
    }
    if (parts.size() == 8 && parts.get(6).equalsIgnoreCase("registries")) {
      return "registry " + parts.get(7);
    }
    return scope;
  }

  private static List<String> segments(String scope) {
    return List.of(scope.split("/")).stream().filter(s -> !s.isEmpty()).toList();
  }
}
