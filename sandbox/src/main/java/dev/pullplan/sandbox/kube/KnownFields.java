package dev.pullplan.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The top-level fields of the kinds whose strict decoding the sandbox checks. */
final class KnownFields {
  private static final Set<String> TYPE_META = Set.of("apiVersion", "kind", "metadata");
  private static final Map<String, Set<String>> BY_KIND = Map.of(
      "Secret", Set.of("data", "stringData", "type", "immutable"),
      "ServiceAccount", Set.of("secrets", "imagePullSecrets", "automountServiceAccountToken"),
      "ConfigMap", Set.of("data", "binaryData", "immutable"),
      "Namespace", Set.of("spec", "status"));

  private KnownFields() {}

  /** The first top-level field the kind does not have; empty for kinds not checked here. */
  static Optional<String> unknownTopLevel(String kind, ObjectNode obj) {
    Set<String> fields = BY_KIND.get(kind);
    if (fields == null) {
      return Optional.empty();
    }
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name) && !TYPE_META.contains(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
