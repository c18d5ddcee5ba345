package dev.pullplan.sandbox.kube;

import java.util.List;

/**
 * One resource type the sandbox's API server serves, as discovery describes it.
 *
 * @param group API group, empty for the core group
 * @param plural the path segment, e.g. {@code secrets}
 */
record ApiResource(
    String group, String version, String plural, String singular, String kind, boolean namespaced,
    List<String> shortNames, List<String> verbs, List<String> categories) {

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The path prefix of its group version: {@code /api/v1} or {@code /apis/apps/v1}. */
  String groupVersionPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }
}
