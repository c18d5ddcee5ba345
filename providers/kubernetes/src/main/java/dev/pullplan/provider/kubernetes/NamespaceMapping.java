package dev.pullplan.provider.kubernetes;

import dev.pullplan.address.Address;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Between a {@code k8s_namespace} resource's attributes and the Namespace object. No API calls. */
final class NamespaceMapping {
  private NamespaceMapping() {}

  static Namespace newNamespace(String name, Map<String, String> labels, String stack, Address address) {
    return new NamespaceBuilder()
        .withNewMetadata().withName(name)
        .addToLabels(labels).addToLabels(Ownership.labels())
        .addToAnnotations(Ownership.annotations(stack, address))
        .endMetadata()
        .build();
  }

  /**
   * The namespace with the config's labels added or changed; labels others set stay. Empty when
   * nothing needs to change.
   */
  static Optional<Namespace> withLabels(Namespace current, Map<String, String> labels) {
    Map<String, String> now = current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels();
    if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(now.get(e.getKey())))) {
      return Optional.empty();
    }
    return Optional.of(new NamespaceBuilder(current).editMetadata().addToLabels(labels).endMetadata().build());
  }

  /**
   * The attributes as the object has them. {@code labels} holds only the keys the config names:
   * labels set by others are not pullplan's to compare. {@code stack} is the annotation's when
   * pullplan created the namespace; an imported one has none, so it reads as wanted.
   */
  static Map<String, Object> attributes(String cluster, Namespace ns, Iterable<String> labelKeys, String stack) {
    Map<String, String> now = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    Map<String, String> compared = new TreeMap<>();
    labelKeys.forEach(k -> {
      if (now.containsKey(k)) {
        compared.put(k, now.get(k));
      }
    });
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("cluster", cluster);
    a.put("name", ns.getMetadata().getName());
    a.put("labels", compared);
    a.put("stack", Ownership.annotation(ns, Ownership.STACK).orElse(stack));
    return a;
  }
}
