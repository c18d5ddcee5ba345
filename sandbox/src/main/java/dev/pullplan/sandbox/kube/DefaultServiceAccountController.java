package dev.pullplan.sandbox.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * What the real controller manager's serviceaccount controller does and the CRUD mock does not:
 * every namespace gets a {@code default} ServiceAccount shortly after it is created, and gets it
 * back when it is deleted. pullplan waits for that account before adding a pull secret to it.
 */
final class DefaultServiceAccountController implements AutoCloseable {
  static final String DEFAULT = "default";

  private final KubernetesClient client;
  private final SharedIndexInformer<Namespace> namespaces;
  private final SharedIndexInformer<ServiceAccount> serviceAccounts;

  DefaultServiceAccountController(KubernetesClient client) {
    this.client = client;
    this.namespaces = client.namespaces().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Namespace ns) {
        ensureDefault(ns.getMetadata().getName());
      }

      @Override
      public void onUpdate(Namespace before, Namespace after) {}

      @Override
      public void onDelete(Namespace ns, boolean finalStateUnknown) {}
    });
    this.serviceAccounts = client.serviceAccounts().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ServiceAccount sa) {}

      @Override
      public void onUpdate(ServiceAccount before, ServiceAccount after) {}

      @Override
      public void onDelete(ServiceAccount sa, boolean finalStateUnknown) {
        String ns = sa.getMetadata().getNamespace();
        if (DEFAULT.equals(sa.getMetadata().getName()) && client.namespaces().withName(ns).get() != null) {
          ensureDefault(ns);
        }
      }
    });
  }

  private void ensureDefault(String namespace) {
    ServiceAccount sa = new ServiceAccountBuilder()
        .withNewMetadata().withName(DEFAULT).withNamespace(namespace).endMetadata()
        .build();
    try {
      client.serviceAccounts().inNamespace(namespace).resource(sa).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    serviceAccounts.close();
    namespaces.close();
  }
}
