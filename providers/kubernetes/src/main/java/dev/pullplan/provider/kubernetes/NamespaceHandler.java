package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Importable;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code k8s_namespace}: a namespace pullplan creates. Labels are merged, never removed; the
 * namespace is deleted only if pullplan created it for this stack and state records it (under the
 * address it was made at, or the one a {@code moved} block gave it): an imported one is only
 * forgotten, as Terraform's {@code removed} block with {@code destroy = false} would.
 */
final class NamespaceHandler implements ResourceHandler, Importable {
  static final String FORGOTTEN = "pullplan did not create namespace %s (it was imported or already there):"
      + " the apply forgets it and leaves the namespace and everything in it";
  private final Clusters clusters;
  private final RunContext run;

  NamespaceHandler(Clusters clusters, RunContext run) {
    this.clusters = clusters;
    this.run = run;
  }

  @Override
  public Observed read(ReadRequest request) {
    clusters.learn(request);
    String cluster = request.located("cluster");
    String name = request.located("name");
    try {
      Optional<Namespace> found = clusters.snapshot(cluster).namespace(name);
      if (found.isEmpty()) {
        return Observed.absent();
      }
      boolean inState = request.prior().map(p -> p.id().equals(name)).orElse(false);
      // a moved block re-addresses state, not the namespace: its annotation keeps the address it was made at
      boolean created = inState ? Ownership.madeForStack(found.get(), Ownership.stack(request, run))
          : Ownership.ownedBy(found.get(), Ownership.stack(request, run), request.address());
      if (!created && !inState) {
        return new Observed.Foreign("namespace " + name + " in cluster \"" + cluster + "\" already exists and was not"
            + " created by pullplan for this stack" + Ownership.annotation(found.get(), Ownership.STACK)
                .filter(s -> Ownership.managed(found.get())).map(s -> " (pullplan created it for stack " + s + ")")
                .orElse(""),
            "set create = false to use it as it is, or run `pullplan import " + request.address() + " " + name
                + "` to manage its labels (pullplan will never delete it)");
      }
      List<String> context = request.desired().isPresent() ? List.of()
          : created ? List.of("pullplan created namespace " + name + ": deleting it deletes every object in it")
          : List.of(FORGOTTEN.formatted(name));
      return present(request, cluster, found.get(), context);
    } catch (PullplanException e) {
      return new Observed.Unreadable(e.getMessage());
    }
  }

  private Observed present(ReadRequest request, String cluster, Namespace namespace, List<String> context) {
    return new Observed.Present(namespace.getMetadata().getName(), NamespaceMapping.attributes(cluster, namespace,
        labelKeys(request), String.valueOf(request.attribute("stack").orElse(run.stackName()))), Map.of(), context);
  }

  @Override
  public String idFormat() {
    return "the namespace's name";
  }

  /**
   * Takes an existing namespace under management (its labels); pullplan never deletes a namespace
   * it did not create.
   */
  @Override
  public Observed importById(ReadRequest request, String id) {
    clusters.learn(request);
    Importable.requireConfigured(request, id, request.string("name"));
    String cluster = request.string("cluster");
    return clusters.snapshot(cluster).namespace(id)
        .map(ns -> present(request, cluster, ns, List.of()))
        .orElseGet(Observed::absent);
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    clusters.learn(desired);
    String cluster = desired.string("cluster");
    String name = desired.string("name");
    ClusterConnection c = clusters.connection(cluster);
    Namespace wanted = NamespaceMapping.newNamespace(name, desired.stringMap("labels"), Ownership.stack(desired, run),
        desired.address());
    try {
      return applied(cluster, c.call("create", "namespaces", name,
          () -> c.client().namespaces().resource(wanted).create()), desired);
    } catch (KubernetesApiException e) {
      if (!e.isConflict()) {
        throw e;
      }
      Namespace existing = fetch(c, name).orElseThrow(() -> e);
      if (!Ownership.ownedBy(existing, Ownership.stack(desired, run), desired.address())) {
        throw new PullplanException("namespace " + name + " in " + c.describe() + " already exists and was not"
            + " created by pullplan for " + desired.address() + "; set create = false, or import it");
      }
      return applied(cluster, mergeLabels(c, desired, existing), desired);
    } finally {
      clusters.snapshot(cluster).reset();
    }
  }

  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    clusters.learn(desired);
    String cluster = desired.string("cluster");
    String name = desired.string("name");
    ClusterConnection c = clusters.connection(cluster);
    Namespace current = fetch(c, name).orElseThrow(() -> new PullplanException("namespace " + name + " in "
        + c.describe() + " no longer exists; run plan again"));
    try {
      return applied(cluster, mergeLabels(c, desired, current), desired);
    } finally {
      clusters.snapshot(cluster).reset();
    }
  }

  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    clusters.remember(prior);
    String name = prior.string("name");
    ClusterConnection c = clusters.connection(prior.string("cluster"));
    Optional<Namespace> current = fetch(c, name);
    if (current.isEmpty()) {
      return;
    }
    if (!Ownership.madeForStack(current.get(), Ownership.stack(prior, run))) {
      // as `state rm` would: what pullplan did not make, it stops managing and leaves where it is
      run.warn("namespace " + name + " in " + c.describe() + " (" + prior.address() + ") was not created by"
          + " pullplan for stack " + Ownership.stack(prior, run) + ": forgotten, not deleted");
      return;
    }
    c.call("delete", "namespaces", name, () -> c.client().namespaces().withName(name).delete());
    clusters.snapshot(prior.string("cluster")).reset();
  }

  @Override
  public Set<String> locators() {
    return KubernetesSession.LOCATORS;
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("cluster", "name");
  }

  private Namespace mergeLabels(ClusterConnection c, Desired desired, Namespace current) {
    String name = desired.string("name");
    return OptimisticUpdate.apply("namespace " + name + " in " + c.describe(), current, () -> fetch(c, name),
            ns -> NamespaceMapping.withLabels(ns, desired.stringMap("labels")),
            next -> c.call("update", "namespaces", name, () -> c.client().namespaces().resource(next).update()))
        .orElseThrow(() -> new PullplanException("namespace " + name + " in " + c.describe()
            + " was deleted while pullplan labelled it"));
  }

  private static Optional<Namespace> fetch(ClusterConnection c, String name) {
    return Optional.ofNullable(c.call("get", "namespaces", name, () -> c.client().namespaces().withName(name).get()));
  }

  private Applied applied(String cluster, Namespace ns, Desired desired) {
    return Applied.of(ns.getMetadata().getName(), NamespaceMapping.attributes(cluster, ns,
        desired.stringMap("labels").keySet(), Ownership.stack(desired, run)));
  }

  @SuppressWarnings("unchecked")
  private static Iterable<String> labelKeys(ReadRequest request) {
    Object labels = request.attribute("labels").orElse(Map.of());
    return labels instanceof Map ? ((Map<String, ?>) labels).keySet() : Set.of();
  }
}
