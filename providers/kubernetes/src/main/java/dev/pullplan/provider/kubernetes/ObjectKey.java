package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A namespaced object's {@code namespace/name}: also the id recorded in state. */
record ObjectKey(String namespace, String name) {

  static ObjectKey of(HasMetadata o) {
    return new ObjectKey(o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
