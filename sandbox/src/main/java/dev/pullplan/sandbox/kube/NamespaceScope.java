package dev.pullplan.sandbox.kube;

import java.util.Optional;
import java.util.Set;

/**
 * RBAC as partner clusters often grant it: the kubeconfig's user has RoleBindings in some
 * namespaces and no ClusterRoleBinding. It may do anything inside those namespaces and nothing at
 * the cluster scope (no list across namespaces, no namespace objects); discovery stays open, as
 * {@code system:discovery} does. The sandbox's own client is not limited.
 */
record NamespaceScope(Set<String> namespaces) {
  static final String USER = "sandbox-user";

  /** The refusal a real API server gives this request, or empty when RBAC allows it. */
  Optional<String> refusal(String verb, ApiResource r, ResourcePath p) {
    if (r.namespaced() && namespaces.contains(p.namespace())) {
      return Optional.empty();
    }
    String subject = p.name().isEmpty() ? r.plural() : r.plural() + " \"" + p.name() + "\"";
    String scope = p.namespace().isEmpty() ? "at the cluster scope" : "in the namespace \"" + p.namespace() + "\"";
    return Optional.of(subject + " is forbidden: User \"" + USER + "\" cannot " + verb + " resource \"" + r.plural()
        + "\" in API group \"" + r.group() + "\" " + scope);
  }
}
