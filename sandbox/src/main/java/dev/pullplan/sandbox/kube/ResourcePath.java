package dev.pullplan.sandbox.kube;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request path that names a resource collection or object, e.g.
 * {@code /api/v1/namespaces/edge/secrets/pull} or {@code /apis/apps/v1/deployments}.
 *
 * @param namespace empty for cluster-scoped resources and for lists across all namespaces
 * @param name empty for a collection
 * @param subresource empty unless the path goes on, e.g. {@code status}
 */
record ResourcePath(
    String group, String version, String plural, String namespace, String name, String subresource) {

  private static final List<String> NAMESPACE_SUBRESOURCES = List.of("status", "finalize");

  static Optional<ResourcePath> parse(String pathWithoutQuery) {
    List<String> s = Arrays.stream(pathWithoutQuery.split("/")).filter(p -> !p.isEmpty()).toList();
    int i;
    String group;
    if (s.size() >= 3 && s.get(0).equals("api")) {
      group = "";
      i = 1;
    } else if (s.size() >= 4 && s.get(0).equals("apis")) {
      group = s.get(1);
      i = 2;
    } else {
      return Optional.empty();
    }
    String version = s.get(i++);
    String namespace = "";
    // "namespaces/NAME/..." selects a namespace unless it is the namespace object itself
    if (s.size() == i + 3 && s.get(i).equals("namespaces") && NAMESPACE_SUBRESOURCES.contains(s.get(i + 2))) {
      return Optional.of(new ResourcePath(group, version, "namespaces", "", s.get(i + 1), s.get(i + 2)));
    }
    if (s.size() > i + 2 && s.get(i).equals("namespaces")) {
      namespace = s.get(i + 1);
      i += 2;
    }
    String plural = s.get(i++);
    String name = i < s.size() ? s.get(i++) : "";
    String sub = i < s.size() ? String.join("/", s.subList(i, s.size())) : "";
    return Optional.of(new ResourcePath(group, version, plural, namespace, name, sub));
  }

  boolean isCollection() {
    return name.isEmpty();
  }

  /** The path of the object itself, without any subresource. */
  String objectPath(ApiResource r) {
    return collectionPath(r) + "/" + name;
  }

  String collectionPath(ApiResource r) {
    return r.groupVersionPath() + (namespace.isEmpty() ? "" : "/namespaces/" + namespace) + "/" + plural;
  }
}
