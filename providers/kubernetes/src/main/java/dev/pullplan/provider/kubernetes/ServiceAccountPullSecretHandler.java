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
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code k8s_sa_pull_secret}: a ServiceAccount lists a pull secret. Membership, never ownership:
 * pullplan adds and removes only its own entry and never creates the ServiceAccount.
 */
final class ServiceAccountPullSecretHandler implements ResourceHandler, Importable {
  private static final Duration POLL = Duration.ofSeconds(1);

  private final Clusters clusters;
  private final RunContext run;
  private final Duration serviceAccountWait;
  private final StalePodCheck stalePods;

  ServiceAccountPullSecretHandler(Clusters clusters, RunContext run, Duration serviceAccountWait,
      StalePodCheck stalePods) {
    this.clusters = clusters;
    this.run = run;
    this.serviceAccountWait = serviceAccountWait;
    this.stalePods = stalePods;
  }

  @Override
  public Observed read(ReadRequest request) {
    clusters.learn(request);
    Entry e = Entry.of(request);
    try {
      Optional<ServiceAccount> sa = clusters.snapshot(e.cluster).serviceAccount(e.namespace, e.serviceAccount);
      if (sa.isEmpty()) {
        return MissingNamespace.problem(clusters, e.cluster, e.namespace)
            .<Observed>map(Observed.Unreadable::new).orElseGet(Observed::absent);
      }
      if (!PullSecretEntries.of(sa.get()).lists(e.secret)) {
        return Observed.absent();
      }
      PullSecretEntries entries = PullSecretEntries.of(sa.get());
      List<String> context = new ArrayList<>();
      if (!entries.addedByPullplan().contains(e.secret)) {
        context.add("serviceaccount " + e.saKey() + " listed " + e.secret + " before pullplan: pullplan will"
            + " never remove that entry");
      }
      entries.others().stream().filter(s -> !s.equals(e.secret))
          .forEach(s -> context.add("also lists: " + s + " (not managed)"));
      return new Observed.Present(e.id(), e.attributes(request.attribute("stack")), Map.of(), context);
    } catch (PullplanException ex) {
      return new Observed.Unreadable(ex.getMessage());
    }
  }

  @Override
  public Applied create(Desired desired, ApplyContext context) {
    clusters.learn(desired);
    Entry e = Entry.of(desired);
    ClusterConnection c = clusters.connection(e.cluster);
    ServiceAccount first = awaitServiceAccount(c, e);
    boolean added = !PullSecretEntries.of(first).lists(e.secret);
    recorded(e, () -> OptimisticUpdate.apply(e.describe(c), first, () -> fetch(c, e),
            sa -> PullSecretEntries.withAdded(sa, e.secret), next -> put(c, e, next))
        .orElseThrow(() -> new PullplanException(e.describe(c) + " was deleted while pullplan added "
            + e.secret + " to it; run apply again")));
    if (added) {
      // pods admitted before the entry: checked once the apply's entries are all written
      stalePods.added(new StalePodCheck.Added(c, e.namespace, e.serviceAccount, e.secret, e.describe(c)));
    }
    return Applied.of(e.id(), e.attributes(Optional.ofNullable(desired.attributes().get("stack"))));
  }

  /** Nothing of the entry can change in place (all its attributes name it): ensure it is listed. */
  @Override
  public Applied update(Desired desired, ResourceState prior, ApplyContext context) {
    return create(desired, context);
  }

  @Override
  public void delete(ResourceState prior, ApplyContext context) {
    clusters.remember(prior);
    Entry e = new Entry(prior.string("cluster"), prior.string("namespace"), prior.string("service_account"),
        prior.string("secret_name"));
    ClusterConnection c = clusters.connection(e.cluster);
    Optional<ServiceAccount> current = fetch(c, e);
    if (current.isEmpty()) {
      return;
    }
    Optional<ServiceAccount> written;
    try {
      written = OptimisticUpdate.apply(e.describe(c), current.get(), () -> fetch(c, e),
          sa -> PullSecretEntries.withRemoved(sa, e.secret), next -> put(c, e, next));
    } catch (RuntimeException ex) {
      clusters.snapshot(e.cluster).reset();
      throw ex;
    }
    written.ifPresentOrElse(clusters.snapshot(e.cluster)::wrote, clusters.snapshot(e.cluster)::reset);
  }

  /**
   * Runs a write and puts the account the API server answered into the cluster's snapshot: the
   * next entry of the same account (one per registry) starts from it without a GET. A write that
   * failed leaves the account unknown, so the snapshot is reset and read again when needed.
   */
  private void recorded(Entry e, java.util.function.Supplier<ServiceAccount> write) {
    ServiceAccount written;
    try {
      written = write.get();
    } catch (RuntimeException ex) {
      clusters.snapshot(e.cluster).reset();
      throw ex;
    }
    clusters.snapshot(e.cluster).wrote(written);
  }

  @Override
  public String idFormat() {
    return "namespace/serviceaccount";
  }

  /**
   * Records an entry that is already in the ServiceAccount's {@code imagePullSecrets} (a
   * {@code kubectl patch} before pullplan). Pullplan never removes an entry it did not add.
   */
  @Override
  public Observed importById(ReadRequest request, String id) {
    Entry e = Entry.of(request);
    Importable.requireConfigured(request, id, e.namespace + "/" + e.serviceAccount);
    return read(request);
  }

  @Override
  public Set<String> locators() {
    return KubernetesSession.LOCATORS;
  }

  @Override
  public Set<String> replaceOn() {
    return Set.of("cluster", "namespace", "service_account", "secret_name");
  }

  /**
   * The account as the cluster's snapshot holds it (its resourceVersion guards the update): as
   * refresh or an earlier change of this apply left it, else from one LIST for the whole cluster
   * (an apply of a saved plan changes many entries per cluster: one LIST, not a GET each). Else
   * as it appears: a namespace created in this apply gets its {@code default} account from the
   * controller manager a moment later.
   */
  private ServiceAccount awaitServiceAccount(ClusterConnection c, Entry e) {
    Optional<ServiceAccount> known;
    try {
      known = clusters.snapshot(e.cluster).serviceAccount(e.namespace, e.serviceAccount);
    } catch (PullplanException unlistable) {
      known = Optional.empty(); // RBAC may allow a GET where it forbids a LIST
    }
    if (known.isPresent()) {
      return known.get();
    }
    long start = System.nanoTime();
    while (true) {
      Optional<ServiceAccount> sa = fetch(c, e);
      if (sa.isPresent()) {
        return sa.get();
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      if (waited.compareTo(serviceAccountWait) >= 0) {
        throw new PullplanException(e.describe(c) + " does not exist (waited " + serviceAccountWait.toSeconds()
            + " s); pullplan never creates ServiceAccounts: create it, or check that the namespace exists and"
            + " its controller manager runs");
      }
      run.progress("waiting for serviceaccount " + e.saKey() + " in cluster \"" + e.cluster + "\" ("
          + waited.toSeconds() + " s)");
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while waiting for a serviceaccount", ex);
    }
  }

  private static Optional<ServiceAccount> fetch(ClusterConnection c, Entry e) {
    return Optional.ofNullable(c.call("get", "serviceaccounts", e.saKey().toString(),
        () -> c.client().serviceAccounts().inNamespace(e.namespace).withName(e.serviceAccount).get()));
  }

  private static ServiceAccount put(ClusterConnection c, Entry e, ServiceAccount next) {
    return c.call("update", "serviceaccounts", e.saKey().toString(),
        () -> c.client().serviceAccounts().inNamespace(e.namespace).resource(next).update());
  }

  /** The attributes that name one entry. */
  private record Entry(String cluster, String namespace, String serviceAccount, String secret) {
    static Entry of(ReadRequest r) {
      return new Entry(r.located("cluster"), r.located("namespace"), r.located("service_account"),
          r.located("secret_name"));
    }

    static Entry of(Desired d) {
      return new Entry(d.string("cluster"), d.string("namespace"), d.string("service_account"), d.string("secret_name"));
    }

    ObjectKey saKey() {
      return new ObjectKey(namespace, serviceAccount);
    }

    String id() {
      return namespace + "/" + serviceAccount + "/" + secret;
    }

    String describe(ClusterConnection c) {
      return "serviceaccount " + saKey() + " in " + c.describe();
    }

    Map<String, Object> attributes(Optional<Object> stack) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("cluster", cluster);
      a.put("namespace", namespace);
      a.put("service_account", serviceAccount);
      a.put("secret_name", secret);
      stack.ifPresent(s -> a.put("stack", s));
      return a;
    }
  }
}
