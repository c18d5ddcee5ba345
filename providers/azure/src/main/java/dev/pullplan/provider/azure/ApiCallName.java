package dev.pullplan.provider.azure;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names an Azure request for the call statistics by method and the kind of object it is about
 * ({@code GET roleAssignments}, {@code POST addPassword}), never by the object's name, so the
 * counts group the way the API limits do.
 */
final class ApiCallName {
  private static final Set<String> COLLECTIONS = Set.of(
      "registries", "managedclusters", "roleassignments", "roledefinitions", "scopemaps", "tokens",
      "applications", "serviceprincipals", "resourcegroups", "subscriptions");

  private ApiCallName() {}

  static String of(String method, String path) {
    List<String> segments = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    for (int i = segments.size() - 1; i >= 0; i--) {
      String segment = segments.get(i);
      String lower = segment.toLowerCase(Locale.ROOT);
      if (COLLECTIONS.contains(lower)) {
        return method + " " + segment;
      }
      if (i == segments.size() - 1 && isAction(lower)) {
        return method + " " + segment.replaceFirst("(?i)^microsoft\\.graph\\.", "");
      }
    }
    return method + " " + (segments.isEmpty() ? "/" : segments.get(segments.size() - 1));
  }

  private static boolean isAction(String segment) {
    return segment.startsWith("list") || segment.startsWith("generate") || segment.startsWith("microsoft.graph.")
        || segment.equals("addpassword") || segment.equals("removepassword");
  }
}
