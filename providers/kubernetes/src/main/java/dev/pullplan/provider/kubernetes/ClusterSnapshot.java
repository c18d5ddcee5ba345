package dev.pullplan.provider.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one cluster holds, read with a few LISTs per run (not one GET per resource): reads answer
 * from here. Reset after every write to the cluster so a later read sees the change.
 */
final class ClusterSnapshot {
  static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";

  private final Memo<Map<ObjectKey, Secret>> secrets;
  private final Memo<List<Namespace>> namespaces;
  private final ServiceAccountListing serviceAccounts;

  ClusterSnapshot(ClusterConnection connection) {
    this.secrets = new Memo<>(() -> listPullSecrets(connection));
    this.namespaces = new Memo<>(() -> connection.call("list", "namespaces", "",
        () -> connection.client().namespaces().list().getItems()));
    this.serviceAccounts = new ServiceAccountListing(connection);
  }

  /** The dockerconfigjson Secrets of every namespace, whoever made them. */
  Optional<Secret> pullSecret(ObjectKey key) {
    return Optional.ofNullable(secrets.get().get(key));
  }

  /**
   * The Secret as refresh read it, if nothing was written to the cluster since; never lists, so a
   * long apply does not re-list after each write.
   */
  Optional<Secret> lastReadPullSecret(ObjectKey key) {
    return secrets.peek().map(all -> all.get(key));
  }

  /** As {@link #lastReadPullSecret}, for a ServiceAccount. */
  Optional<ServiceAccount> lastReadServiceAccount(String namespace, String name) {
    return serviceAccounts.lastRead(namespace, name);
  }

  Collection<Secret> pullSecrets() {
    return secrets.get().values();
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

  void reset() {
    secrets.reset();
    namespaces.reset();
    serviceAccounts.reset();
  }

  private static Map<ObjectKey, Secret> listPullSecrets(ClusterConnection connection) {
    List<Secret> items = connection.call("list", "secrets", "in all namespaces",
        () -> connection.client().secrets().inAnyNamespace().withField("type", DOCKER_CONFIG_JSON).list().getItems());
    // some API servers (and the mock) ignore field selectors: filter here as well
    return items.stream()
        .filter(s -> DOCKER_CONFIG_JSON.equals(s.getType()))
        .collect(Collectors.toMap(ObjectKey::of, Function.identity(), (a, b) -> b));
  }
}
