package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.expand.Expander;
import dev.pullplan.model.CredentialType;
import dev.pullplan.spi.Applied;
import dev.pullplan.spi.ApplyContext;
import dev.pullplan.spi.Desired;
import dev.pullplan.spi.Importable;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.RegistryLoginCheck;
import dev.pullplan.spi.ResourceHandler;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.spi.RunContext;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code k8s_secret}: a dockerconfigjson Secret pullplan owns, in one namespace. */
final class SecretHandler implements ResourceHandler, Importable {
  private final Clusters clusters;
  private static final Set<String> LOCATORS =
      Set.of(Expander.CLUSTER_CONNECTION, Expander.PROBE_IMAGE, Expander.CREDENTIAL_TYPE);

  private final RunContext run;

  SecretHandler(Clusters clusters, RunContext run) {
    this.clusters = clusters;
    this.run = run;
  }

  @Override
  public Observed read(ReadRequest request) {
    clusters.learn(request);
    String cluster = request.located("cluster");
    ObjectKey key = new ObjectKey(request.located("namespace"), request.located("name"));
    try {
      Optional<Secret> found = clusters.snapshot(cluster).pullSecret(key);
      if (found.isEmpty()) {
        return MissingNamespace.problem(clusters, cluster, key.namespace())
            .<Observed>map(Observed.Unreadable::new).orElseGet(Observed::absent);
      }
      boolean inState = request.prior().map(p -> p.id().equals(key.toString())).orElse(false);
      if (!inState && !Ownership.ownedBy(found.get(), Ownership.stack(request, run), request.address())) {
        return foreign(request.address(), cluster, key, found.get());
      }
      return present(cluster, found.get(), request.string("server"));
    } catch (PullplanException e) {
      return new Observed.Unreadable(e.getMessage());
    }
  }

  @Override
  public String idFormat() {
    return "namespace/name";
  }

  /** Adopts a Secret pullplan did not make, when the user asks for it with {@code pullplan import}. */
  @Override
  public Observed importById(ReadRequest request, String id) {
    clusters.learn(request);
    String cluster = request.string("cluster");
    String[] parts = id.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new PullplanException("a k8s_secret is imported by namespace/name, not \"" + id + "\"");
    }
    Importable.requireConfigured(request, id, request.string("namespace") + "/" + request.string("name"));
    ClusterConnection c = clusters.connection(cluster);
    ObjectKey key = new ObjectKey(parts[0], parts[1]);
    Optional<Secret> found = fetch(c, key);
    found.filter(s -> !ClusterSnapshot.DOCKER_CONFIG_JSON.equals(s.getType())).ifPresent(s -> {
      // a Secret's type is immutable: pullplan could never turn it into a pull secret
      throw new PullplanException("secret " + key + " in " + c.describe() + " is of type " + s.getType()
          + ", not " + ClusterSnapshot.DOCKER_CONFIG_JSON + ", and a Secret's type cannot be changed: delete it"
          + " (pullplan then creates it), or choose another secret_name");
    });
    return found.<Observed>map(s -> present(cluster, s, request.string("server"))).orElseGet(Observed::absent);
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    clusters.learn(desired);
    String cluster = desired.string("cluster");
    ObjectKey key = keyOf(desired);
    requireAccepted(desired);
    ClusterConnection c = clusters.connection(cluster);
    Secret wanted = SecretMapping.toSecret(key, login(desired), Ownership.stack(desired, run), desired.address(),
        Optional.empty());
    return applied(cluster, recorded(cluster, () -> {
      try {
        return c.call("create", "secrets", key.toString(),
            () -> c.client().secrets().inNamespace(key.namespace()).resource(wanted).create());
      } catch (KubernetesApiException e) {
        if (!e.isConflict()) {
          throw e;
        }
        // left by a run that died before writing state: adopt it if it is ours
        return replace(c, desired, fetch(c, key), true);
      }
    }), desired);
  }

  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    clusters.learn(desired);
    String cluster = desired.string("cluster");
    requireAccepted(desired);
    ClusterConnection c = clusters.connection(cluster);
    Optional<Secret> lastRead = clusters.snapshot(cluster).lastReadPullSecret(keyOf(desired));
    return applied(cluster, recorded(cluster,
        () -> replace(c, desired, lastRead.isPresent() ? lastRead : fetch(c, keyOf(desired)), false)), desired);
  }

  /**
   * Runs a write and puts what the API server answered into the cluster's snapshot, so the next
   * change there needs no GET; a write that failed leaves the object unknown, so the snapshot is
   * reset and read again when needed.
   */
  private Secret recorded(String cluster, java.util.function.Supplier<Secret> write) {
    Secret written;
    try {
      written = write.get();
    } catch (RuntimeException e) {
      clusters.snapshot(cluster).reset();
      throw e;
    }
    clusters.snapshot(cluster).wrote(written);
    return written;
  }

  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    clusters.remember(prior);
    String cluster = prior.string("cluster");
    ObjectKey key = new ObjectKey(prior.string("namespace"), prior.string("name"));
    ClusterConnection c = clusters.connection(cluster);
    Optional<Secret> current = fetch(c, key);
    if (current.isEmpty()) {
      return;
    }
    if (!Ownership.madeForStack(current.get(), Ownership.stack(prior, run))) {
      throw new PullplanException("secret " + key + " in " + c.describe() + " (" + prior.address() + " in state) is not labelled"
          + " as made by pullplan for stack " + Ownership.stack(prior, run) + ", so it is left in place; run"
          + " `pullplan state rm " + prior.address() + "` to forget it");
    }
    try {
      c.call("delete", "secrets", key.toString(),
          () -> c.client().secrets().inNamespace(key.namespace()).withName(key.name()).delete());
    } catch (RuntimeException e) {
      clusters.snapshot(cluster).reset();
      throw e;
    }
    clusters.snapshot(cluster).deletedPullSecret(key);
  }

  /** Besides how to reach the cluster: what the login check before cutover needs of the access. */
  @Override
  public Set<String> locators() {
    return LOCATORS;
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("cluster", "namespace", "name");
  }

  /**
   * The password is read back from the cluster every run, so state need not keep it; kept only
   * when state is encrypted. Without this an external credential's password, which is never
   * written to unencrypted state, would land there through the secrets that carry it.
   */
  @Override
  public Set<String> ephemeral() {
    return Set.of("password");
  }

  /**
   * Writes the wanted content over the current object (re-read and retried on conflicts); creates
   * it if it vanished meanwhile.
   */
  private Secret replace(ClusterConnection c, Desired desired, Optional<Secret> first, boolean mustBeOurs) {
    ObjectKey key = keyOf(desired);
    RegistryLogin login = login(desired);
    String stack = Ownership.stack(desired, run);
    if (first.filter(s -> Boolean.TRUE.equals(s.getImmutable()) && !SecretMapping.holds(s, login)).isPresent()) {
      return recreate(c, desired, first.get());
    }
    Optional<Secret> result = first.flatMap(current -> OptimisticUpdate.apply(
        "secret " + key + " in " + c.describe(), current, () -> fetch(c, key),
        s -> {
          if (mustBeOurs && !Ownership.ownedBy(s, stack, desired.address())) {
            throw new PullplanException("secret " + key + " in " + c.describe() + " already exists and is not"
                + " managed by pullplan for " + desired.address() + "; run `pullplan import " + desired.address()
                + " " + key + "` to adopt it, or choose another secret_name");
          }
          return Optional.of(SecretMapping.toSecret(key, login, stack, desired.address(), Optional.of(s)));
        },
        next -> c.call("update", "secrets", key.toString(),
            () -> c.client().secrets().inNamespace(key.namespace()).resource(next).update())));
    return result.orElseGet(() -> c.call("create", "secrets", key.toString(),
        () -> c.client().secrets().inNamespace(key.namespace())
            .resource(SecretMapping.toSecret(key, login, stack, desired.address(), Optional.empty())).create()));
  }

  /**
   * An immutable Secret (one imported, made so by its first owner) keeps its data for life: the
   * API server refuses to change it. It is deleted and made again, immutable as before; pods
   * already running keep their images, a pull in between fails and is retried by the kubelet.
   */
  private Secret recreate(ClusterConnection c, Desired desired, Secret current) {
    ObjectKey key = keyOf(desired);
    run.progress("secret " + key + " in " + c.describe() + " is immutable: deleting it and creating it again"
        + " with the new content");
    c.call("delete", "secrets", key.toString(),
        () -> c.client().secrets().inNamespace(key.namespace()).withName(key.name()).delete());
    Secret kept = new SecretBuilder().withNewMetadata()
        .withLabels(current.getMetadata().getLabels()).withAnnotations(current.getMetadata().getAnnotations())
        .endMetadata().build();
    Secret wanted = new SecretBuilder(SecretMapping.toSecret(key, login(desired), Ownership.stack(desired, run),
        desired.address(), Optional.of(kept))).withImmutable(true).build();
    return c.call("create", "secrets", key.toString(),
        () -> c.client().secrets().inNamespace(key.namespace()).resource(wanted).create());
  }

  private static Optional<Secret> fetch(ClusterConnection c, ObjectKey key) {
    return Optional.ofNullable(c.call("get", "secrets", key.toString(),
        () -> c.client().secrets().inNamespace(key.namespace()).withName(key.name()).get()));
  }

  private static Observed foreign(Address address, String cluster, ObjectKey key, Secret secret) {
    String owner = Ownership.managed(secret)
        ? "is managed by pullplan for " + Ownership.annotation(secret, Ownership.ADDRESS).orElse("another resource")
            + Ownership.annotation(secret, Ownership.STACK).map(s -> " (stack " + s + ")").orElse("")
        : "exists and is not managed by pullplan";
    return new Observed.Foreign(
        "secret " + key + " in cluster \"" + cluster + "\" " + owner,
        "run `pullplan import " + address + " " + key + "` to let pullplan manage it, or choose another secret_name");
  }

  private static Observed present(String cluster, Secret secret, String server) {
    return new Observed.Present(ObjectKey.of(secret).toString(), SecretMapping.attributes(cluster, secret, server),
        SecretMapping.sensitive(secret, server), List.of());
  }

  private static Applied applied(String cluster, Secret secret, Desired desired) {
    return Applied.of(ObjectKey.of(secret).toString(), SecretMapping.attributes(cluster, secret, desired.string("server")),
        Map.of("password", desired.sensitiveString("password")));
  }

  /** A login the registry refuses never reaches a Secret: the change fails with the registry's answer. */
  private void requireAccepted(Desired desired) {
    RegistryLogin login = login(desired);
    Optional<String> probeImage = Optional.ofNullable(desired.attributes().get(Expander.PROBE_IMAGE)).map(String::valueOf);
    boolean issuedByAzure = Optional.ofNullable(desired.attributes().get(Expander.CREDENTIAL_TYPE))
        .flatMap(type -> CredentialType.parse(String.valueOf(type))).filter(CredentialType::managedInAzure).isPresent();
    run.service(RegistryLoginCheck.class).ifPresent(check -> check.requireAccepted(desired.address(), login.server(),
        login.username(), login.password(), probeImage, issuedByAzure));
  }

  private static ObjectKey keyOf(Desired desired) {
    return new ObjectKey(desired.string("namespace"), desired.string("name"));
  }

  private static RegistryLogin login(Desired desired) {
    return new RegistryLogin(desired.string("server"), desired.string("username"), desired.sensitiveString("password"));
  }
}
