package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.cli.VerifyCommand.Check;
import dev.pullplan.context.Run;
import dev.pullplan.expand.ResourceTypes;
import dev.pullplan.model.Access;
import dev.pullplan.model.Cluster;
import dev.pullplan.provider.registry.ImageName;
import dev.pullplan.provider.registry.RegistryClient;
import dev.pullplan.provider.registry.RegistryCredential;
import dev.pullplan.provider.registry.RegistryException;
import dev.pullplan.provider.registry.RegistryFailure;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.PodPulls;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import dev.pullplan.state.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The checks of {@code pullplan verify} (also run by {@code apply --verify} and {@code drift
 * --verify}): for every Secret pullplan manages and every ServiceAccount it added it to, the login
 * a kubelet would send, read back from the cluster and tried on the registry; for a ServiceAccount,
 * also the other Secrets it lists for the same registry. Checks run in parallel; one registry
 * answer per login and repository.
 */
final class PullVerifier {
  static final String LOGIN_ONLY = "(login only)";
  static final String ROLE_CHECK = "(role check)";
  private static final String LOGIN_PROVEN = "only the login is proven (the token server accepts it); ";

  private final int parallelism;
  private final RegistryClient client;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  /**
   * What the registry said: a failure, or success, possibly only of the login (a registry that
   * accepts the login but cannot serve manifests: pull verification is unavailable there).
   */
  private record Answer(Optional<String> failure, Optional<String> loginOnly) {
    static Answer failed(String reason) {
      return new Answer(Optional.of(reason), Optional.empty());
    }
  }

  /** @param log where {@code --debug} writes the registry's requests and answers */
  PullVerifier(int parallelism, dev.pullplan.spi.HttpLog log) {
    this.parallelism = parallelism;
    this.client = RegistryClient.withDefaults(log);
  }

  /** What is tried: a manifest HEAD of the probe image, a tag listing of a readable repository, or the login alone. */
  private record Target(String label, Optional<ImageName> image, Optional<String> repository) {
    static Target loginOnly() {
      return new Target(LOGIN_ONLY, Optional.empty(), Optional.empty());
    }
  }

  List<Check> verify(Run run, State current) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<List<Check>>> pending = new ArrayList<>();
      for (ResourceState r : current.resources()) {
        if (r.type().equals(ResourceTypes.K8S_SECRET)) {
          pending.add(pool.submit(() -> secretChecks(run, current, r)));
        } else if (r.type().equals(ResourceTypes.AZURE_ACR_ATTACH)) {
          pending.add(pool.submit(() -> List.of(attachCheck(run, r))));
        }
      }
      List<Check> checks = new ArrayList<>();
      for (Future<List<Check>> f : pending) {
        checks.addAll(f.get());
      }
      return checks;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while verifying");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof PullplanException p ? p
          : new PullplanException("verify failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The kubelet identity has no login pullplan can try: the row says what the registry's token
   * server would decide from the roles it holds, labelled as a role check, not a pull.
   */
  private static Check attachCheck(Run run, ResourceState attach) {
    String cluster = String.valueOf(attach.attributes().getOrDefault("cluster", ""));
    if (!(run.handler(attach.type()) instanceof dev.pullplan.spi.PullRoleCheck roles)) {
      return new Check(cluster, "*", "*", "node identity", "*", "skipped",
          "the kubelet identity has no login pullplan can try, and its provider offers no role check");
    }
    dev.pullplan.spi.PullRoleCheck.Finding finding = roles.checkPullRole(attach);
    return new Check(cluster, "*", "*", "node identity", ROLE_CHECK, finding.honoured() ? "ok" : "fail",
        "role check, not a pull: " + finding.reason());
  }

  /** The Secret's own row (pods that list it), one row per ServiceAccount pullplan added it to, and that account's other Secrets. */
  private List<Check> secretChecks(Run run, State current, ResourceState secret) {
    String cluster = secret.string("cluster");
    String namespace = secret.string("namespace");
    String name = secret.string("name");
    Optional<Access> access = Optional.ofNullable(run.stack().accesses().get(secret.address().blockName()));
    Target target = target(current, secret, access);
    Observed observed = run.handler(secret.type())
        .read(new ReadRequest(secret.address(), secret.type(), Optional.empty(), Optional.of(secret)));
    Optional<PodPulls.Login> login = observed instanceof Observed.Present p && p.sensitive().containsKey("password")
        ? Optional.of(new PodPulls.Login(String.valueOf(p.attributes().get("server")),
            String.valueOf(p.attributes().get("username")), p.sensitive().get("password")))
        : Optional.empty();
    String credential = login.map(l -> l.username() + "@" + l.server()).orElse("secret " + name);
    Answer answer = login.isEmpty()
        ? Answer.failed(observed instanceof Observed.Unreadable u ? "secret " + name + " cannot be read: " + u.message()
            : "secret " + name + " is missing or holds no login for " + secret.attributes().get("server"))
        : ask(login.get(), target);
    Optional<String> failure = answer.failure();
    Optional<String> expiring = failure.isPresent() ? Optional.empty()
        : answer.loginOnly().or(() -> expiring(run, current, secret, access));
    List<Check> checks = new ArrayList<>();
    checks.add(row(cluster, namespace, "(pods listing " + name + ")", credential, target, failure, expiring));
    for (ResourceState entry : current.resources()) {
      if (entry.type().equals(ResourceTypes.K8S_SA_PULL_SECRET) && entry.address().block().equals(secret.address().block())
          && entry.attributes().get("namespace").equals(namespace)) {
        String account = entry.string("service_account");
        Observed listed = run.handler(entry.type())
            .read(new ReadRequest(entry.address(), entry.type(), Optional.empty(), Optional.of(entry)));
        Optional<String> entryFailure = listed instanceof Observed.Present ? failure
            : Optional.of("ServiceAccount " + account + " does not list " + name + " in imagePullSecrets");
        checks.add(row(cluster, namespace, account, credential, target, entryFailure,
            entryFailure.isPresent() ? Optional.empty() : expiring));
        checks.addAll(foreignChecks(run, cluster, namespace, account, name,
            String.valueOf(secret.attributes().get("server")), target));
      }
    }
    return checks;
  }

  /**
   * The Secrets a ServiceAccount lists besides pullplan's, with a login for the same registry: a
   * kubelet tries them too, and one that the registry refuses is worth knowing about.
   */
  private List<Check> foreignChecks(Run run, String cluster, String namespace, String account, String managed,
      String server, Target target) {
    Optional<PodPulls> pods = run.service(PodPulls.class);
    if (pods.isEmpty()) {
      return List.of();
    }
    List<Check> checks = new ArrayList<>();
    try {
      Cluster block = Optional.ofNullable(run.stack().cluster(cluster))
          .orElseThrow(() -> new PullplanException("cluster \"" + cluster + "\" is no longer in the config"));
      for (String other : pods.get().serviceAccountPullSecrets(block, namespace, account).orElse(List.of())) {
        if (other.equals(managed)) {
          continue;
        }
        boolean exists = pods.get().pullSecrets(block).stream()
            .anyMatch(s -> s.namespace().equals(namespace) && s.name().equals(other));
        if (!exists) {
          checks.add(new Check(cluster, namespace, account, "secret " + other + " (not pullplan's)", "*", "warn",
              "ServiceAccount " + account + " lists secret " + other + ", which is not in namespace " + namespace
                  + " (kubelet skips it)"));
          continue;
        }
        Optional<PodPulls.Login> login = pods.get().login(block, namespace, other, server);
        if (login.isPresent()) {
          checks.add(row(cluster, namespace, account, login.get().username() + "@" + server + " (secret " + other
              + ", not pullplan's)", target, ask(login.get(), target).failure(), ask(login.get(), target).loginOnly()));
        }
      }
    } catch (PullplanException e) {
      checks.add(new Check(cluster, namespace, account, "(other secrets)", "*", "fail",
          "the ServiceAccount's other pull Secrets cannot be read: " + e.getMessage()));
    }
    return checks;
  }

  /**
   * The probe image; without one, for an ACR token, the first repository of its scope map (by
   * listing its tags, which needs the same pull permission); otherwise the login alone.
   */
  private static Target target(State current, ResourceState secret, Optional<Access> access) {
    Optional<ImageName> probe = access.flatMap(Access::probeImage).flatMap(ImageName::parse);
    if (probe.isPresent()) {
      return new Target(probe.get().toString(), probe, Optional.empty());
    }
    return current.resources().stream()
        .filter(r -> r.type().equals(ResourceTypes.ACR_SCOPE_MAP) && r.address().block().equals(secret.address().block()))
        .flatMap(r -> r.attributes().get("repositories") instanceof List<?> l ? l.stream() : java.util.stream.Stream.empty())
        .map(String::valueOf).filter(repo -> !repo.contains("*")).findFirst()
        .map(repo -> new Target(repo + " (tags)", Optional.empty(), Optional.of(repo)))
        .orElse(Target.loginOnly());
  }

  private Answer ask(PodPulls.Login login, Target target) {
    // an in-memory key, never printed
    String key = login.server() + "\n" + login.username() + "\n" + login.password() + "\n" + target.label();
    return answers.computeIfAbsent(key, k -> {
      RegistryCredential.Basic basic = new RegistryCredential.Basic(login.username(), login.password());
      try {
        if (target.image().isPresent()) {
          client.head(login.server(), basic, target.image().get());
        } else if (target.repository().isPresent()) {
          client.tags(login.server(), basic, target.repository().get());
        } else {
          client.authenticate(login.server(), basic);
        }
        return new Answer(Optional.empty(), Optional.empty());
      } catch (RegistryException e) {
        if (e.failure() instanceof RegistryFailure.Unavailable && !target.label().equals(LOGIN_ONLY)) {
          return loginOnly(login, basic, e.failure());
        }
        return Answer.failed(e.failure().kind() + ": " + e.failure().reason());
      }
    });
  }

  /** The registry cannot serve content now: at least the token server can say whether the login is good. */
  private Answer loginOnly(PodPulls.Login login, RegistryCredential.Basic basic, RegistryFailure content) {
    try {
      client.authenticate(login.server(), basic);
      return new Answer(Optional.empty(), Optional.of(LOGIN_PROVEN + "pulling is not: " + content.reason()));
    } catch (RegistryException e) {
      return Answer.failed(e.failure().kind() + ": " + e.failure().reason());
    }
  }

  private static Check row(String cluster, String namespace, String account, String credential, Target target,
      Optional<String> failure, Optional<String> expiring) {
    if (failure.isPresent()) {
      return new Check(cluster, namespace, account, credential, target.label(), "fail", failure.get());
    }
    String works = target.image().isPresent() ? "the registry serves the manifest"
        : target.repository().isPresent() ? "the registry lists the repository's tags to it"
        : "the registry accepts the login";
    return expiring.map(e -> new Check(cluster, namespace, account, credential, target.label(), "warn",
            e.startsWith(LOGIN_PROVEN) ? e : works + "; " + e))
        .orElse(new Check(cluster, namespace, account, credential, target.label(), "ok", works));
  }

  /**
   * A credential pullplan made whose password ends within the access's {@code renew_before}: it
   * pulls today, and stops the day its end passes unless an apply renews it.
   */
  private static Optional<String> expiring(Run run, State current, ResourceState secret, Optional<Access> access) {
    Optional<Duration> renewBefore = access.flatMap(a -> a.credential().renewBefore())
        .map(dev.pullplan.model.Lifetime::duration);
    if (renewBefore.isEmpty()) {
      return Optional.empty();
    }
    Instant now = run.clock().instant();
    return current.resources().stream()
        .filter(r -> r.address().block().equals(secret.address().block()) && r.attributes().get("expires_at") != null)
        .map(r -> Instant.parse(String.valueOf(r.attributes().get("expires_at"))))
        .filter(end -> !now.plus(renewBefore.get()).isBefore(end))
        .findFirst()
        .map(end -> "its password ends " + end + ", within renew_before " + access.get().credential().renewBefore()
            .orElseThrow().text() + ": run pullplan apply to renew it");
  }
}
