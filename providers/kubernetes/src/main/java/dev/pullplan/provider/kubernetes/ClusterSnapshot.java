package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What one cluster holds, read with a few LISTs per run (not one GET per resource): reads answer
 * from here. Pullplan's own writes of Secrets and ServiceAccounts update it with the object the API
 * server answered (so a fleet's apply needs no GET before each change); a namespace write, or a
 * write that failed half-way, resets it so a later read sees the cluster as it is.
 */
final class ClusterSnapshot {
  static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";

  private final NamespacedListing<Secret> secrets;
  private final Memo<List<Namespace>> namespaces;
  private final NamespacedListing<ServiceAccount> serviceAccounts;

  ClusterSnapshot(ClusterConnection connection) {
    this.secrets = new NamespacedListing<>(connection, "secrets",
        () -> pullSecretsOnly(connection.client().secrets().inAnyNamespace().withField("type", DOCKER_CONFIG_JSON)
            .list().getItems()),
        ns -> pullSecretsOnly(connection.client().secrets().inNamespace(ns).withField("type", DOCKER_CONFIG_JSON)
            .list().getItems()));
    this.namespaces = new Memo<>(() -> connection.call("list", "namespaces", "",
        () -> connection.client().namespaces().list().getItems()));
    this.serviceAccounts = new NamespacedListing<>(connection, "serviceaccounts",
        () -> connection.client().serviceAccounts().inAnyNamespace().list().getItems(),
        ns -> connection.client().serviceAccounts().inNamespace(ns).list().getItems());
  }

  /** The dockerconfigjson Secret, whoever made it. */
  Optional<Secret> pullSecret(ObjectKey key) {
    return secrets.find(key.namespace(), key.name());
  }

  /**
   * The Secret as refresh read it, if nothing was written to the cluster since; never lists, so a
   * long apply does not re-list after each write.
   */
  Optional<Secret> lastReadPullSecret(ObjectKey key) {
    return secrets.lastRead(key.namespace(), key.name());
  }

  /** Lists the pull secrets of these namespaces: once for all of them where RBAC allows. */
  void preloadPullSecrets(Collection<String> namespaceNames) {
    secrets.preload(namespaceNames);
  }

  Optional<ServiceAccount> serviceAccount(String namespace, String name) {
    return serviceAccounts.find(namespace, name);
  }

  void preloadServiceAccounts(Collection<String> namespaceNames) {
    serviceAccounts.preload(namespaceNames);
  }

  List<Namespace> namespaces() {
    return namespaces.get();
  }

  Optional<Namespace> namespace(String name) {
    return namespaces().stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst();
  }

  void wrote(Secret pullSecret) {
    secrets.wrote(pullSecret);
  }

  void deletedPullSecret(ObjectKey key) {
    secrets.deleted(key);
  }

  void wrote(ServiceAccount serviceAccount) {
    serviceAccounts.wrote(serviceAccount);
  }

  void reset() {
    secrets.reset();
    namespaces.reset();
    serviceAccounts.reset();
  }

  /** Some API servers (and the mock) ignore field selectors: filter here as well. */
  private static List<Secret> pullSecretsOnly(List<Secret> items) {
    return items.stream().filter(s -> DOCKER_CONFIG_JSON.equals(s.getType())).toList();
  }
}
