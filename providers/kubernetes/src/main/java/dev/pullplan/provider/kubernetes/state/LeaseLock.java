package dev.pullplan.provider.kubernetes.state;

import dev.pullplan.PullplanException;
import dev.pullplan.provider.kubernetes.KubernetesApiException;
import dev.pullplan.provider.kubernetes.RetriedWrite;
import dev.pullplan.state.LockInfo;
import dev.pullplan.state.LockWait;
import dev.pullplan.state.LockInfoJson;
import dev.pullplan.state.StateLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The state lock as a {@code coordination.k8s.io} Lease: the holder's lock id as holder identity,
 * the holder's details in an annotation, and a duration. The holder renews it from a background
 * thread while its operation runs; a lease not renewed within its duration (the run crashed, the
 * CI job was killed) is free for the next run to take. Expiry is judged on the taker's clock
 * against the renew time the holder wrote, so clocks must roughly agree.
 */
final class LeaseLock {
  static final String HOLDER = "pullplan.dev/lock";
  private static final Duration POLL = Duration.ofMillis(250);

  private final StateApi api;
  private final String name;
  private final String where;
  private final Duration duration;

  /** @param where the state the lock guards, for messages */
  LeaseLock(StateApi api, String name, String where, Duration duration) {
    this.api = api;
    this.name = name;
    this.where = where;
    this.duration = Duration.ofSeconds(Math.max(1, (duration.toMillis() + 999) / 1000));
  }

  Held acquire(String operation, Duration timeout) {
    LockInfo mine = LockInfo.forThisProcess(operation);
    LockWait wait = LockWait.until(where, timeout, POLL);
    while (true) {
      Optional<Lease> current = get();
      Instant now = Instant.now();
      if (current.isEmpty() || isFree(current.get(), now)) {
        Optional<Held> taken = take(current, mine, now);
        if (taken.isPresent()) {
          return taken.get();
        }
        continue;
      }
      wait.pauseOrGiveUp(holder(current.get()));
    }
  }

  /** @throws PullplanException unless the lease is held, by lock {@code id} */
  void forceUnlock(String id) {
    Lease lease = get().filter(l -> !holderId(l).isEmpty())
        .orElseThrow(() -> new PullplanException("the state " + where + " is not locked: Lease " + api.namespace + "/"
            + name + " has no holder, nothing to unlock"));
    if (!holderId(lease).equals(id)) {
      throw new PullplanException("the state " + where + " is not locked by " + id + ": it is " + holder(lease).describe()
          + ". Nothing was removed; check the ID.");
    }
    release(lease);
  }

  private Optional<Held> take(Optional<Lease> current, LockInfo mine, Instant now) {
    Lease lease = new LeaseBuilder().withNewMetadata().withName(name).withNamespace(api.namespace)
        .withLabels(Map.of(ChunkedSecretStore.MANAGED_BY, "pullplan"))
        .withAnnotations(Map.of(HOLDER, new String(LockInfoJson.encode(mine), StandardCharsets.UTF_8))).endMetadata()
        .withNewSpec().withHolderIdentity(mine.id()).withLeaseDurationSeconds((int) duration.toSeconds())
        .withAcquireTime(at(now)).withRenewTime(at(now))
        .withLeaseTransitions(current.map(l -> Optional.ofNullable(l.getSpec().getLeaseTransitions()).orElse(0) + 1).orElse(0))
        .endSpec().build();
    try {
      if (current.isEmpty()) {
        write("create", () -> api.client().leases().inNamespace(api.namespace).resource(lease).create(), lease);
      } else {
        lease.getMetadata().setResourceVersion(current.get().getMetadata().getResourceVersion());
        update(lease);
      }
    } catch (KubernetesApiException e) {
      if (StateApi.isConflict(e)) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(new Held(mine));
  }

  private boolean isFree(Lease lease, Instant now) {
    return holderId(lease).isEmpty() || expiry(lease).isBefore(now);
  }

  private static Instant expiry(Lease lease) {
    LeaseSpec spec = lease.getSpec();
    Instant renewed = Optional.ofNullable(spec.getRenewTime()).or(() -> Optional.ofNullable(spec.getAcquireTime()))
        .map(ZonedDateTime::toInstant).orElse(Instant.EPOCH);
    return renewed.plusSeconds(Optional.ofNullable(spec.getLeaseDurationSeconds()).orElse(0));
  }

  private static String holderId(Lease lease) {
    return Optional.ofNullable(lease.getSpec()).map(LeaseSpec::getHolderIdentity).orElse("");
  }

  private LockInfo holder(Lease lease) {
    Optional<LockInfo> info = Optional.ofNullable(lease.getMetadata().getAnnotations()).map(a -> a.get(HOLDER))
        .flatMap(json -> LockInfoJson.decode(json.getBytes(StandardCharsets.UTF_8)));
    String expires = " (lease " + api.namespace + "/" + name + ", expires " + expiry(lease) + " unless renewed)";
    return info.map(i -> new LockInfo(i.id(), i.operation(), i.who() + expires, i.created(), i.version()))
        .orElseGet(() -> new LockInfo(holderId(lease), "(unknown)", "holder " + holderId(lease) + expires,
            Instant.EPOCH, ""));
  }

  private void release(Lease lease) {
    update(new LeaseBuilder(lease).editMetadata().withAnnotations(withoutHolder(lease)).endMetadata()
        .editSpec().withHolderIdentity(null).withAcquireTime(null).withRenewTime(null).endSpec().build());
  }

  /** Replaces the version {@code next} carries. */
  private void update(Lease next) {
    write("update", () -> api.client().leases().inNamespace(api.namespace).resource(next).update(), next);
  }

  /**
   * A 409 whose lease now makes the claim {@code lease} made is this write, met again by fabric8's
   * retry after the answer to its stored first attempt was lost: done, not a conflict.
   */
  private void write(String verb, Supplier<Lease> op, Lease lease) {
    RetriedWrite.perform(() -> api.call(verb + " lease " + api.namespace + "/" + name, op), this::get,
        stored -> sameClaim(stored, lease));
  }

  /**
   * The same holder, renewed at the same instant: no other run writes this run's lock id. A lease
   * freed (no holder, no renewal) is the claim a release made, whoever freed it.
   */
  private static boolean sameClaim(Lease stored, Lease written) {
    return holderId(stored).equals(holderId(written)) && renewTime(stored).equals(renewTime(written));
  }

  private static Optional<Instant> renewTime(Lease lease) {
    return Optional.ofNullable(lease.getSpec()).map(LeaseSpec::getRenewTime).map(ZonedDateTime::toInstant);
  }

  private static Map<String, String> withoutHolder(Lease lease) {
    Map<String, String> notes = new HashMap<>(Optional.ofNullable(lease.getMetadata().getAnnotations()).orElse(Map.of()));
    notes.remove(HOLDER);
    return notes;
  }

  private Optional<Lease> get() {
    return Optional.ofNullable(api.call("get lease " + api.namespace + "/" + name,
        () -> api.client().leases().inNamespace(api.namespace).withName(name).get()));
  }

  /** To the microsecond, as the API server keeps a lease's times: what is read back equals what was written. */
  private static ZonedDateTime at(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
  }


  /** The lease this run holds, renewed every third of its duration until closed. */
  final class Held implements StateLock {
    private final LockInfo info;
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pullplan-lease-renewal");
      t.setDaemon(true);
      return t;
    });
    private volatile Instant renewed = Instant.now();
    private volatile Optional<String> lost = Optional.empty();

    Held(LockInfo info) {
      this.info = info;
      long every = Math.max(100, duration.toMillis() / 3);
      renewal.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public LockInfo info() {
      return info;
    }

    /** Why the lease can no longer be counted on: taken over, or not renewed within its duration. */
    Optional<String> lost() {
      if (lost.isEmpty() && Instant.now().isAfter(renewed.plus(duration))) {
        return Optional.of("it was not renewed within " + duration.toSeconds() + " s");
      }
      return lost;
    }

    private void renew() {
      try {
        Optional<Lease> current = get();
        if (current.isEmpty() || !holderId(current.get()).equals(info.id())) {
          lost = Optional.of(current.map(l -> "it is now held by " + holder(l).describe()).orElse("the Lease was deleted"));
          renewal.shutdown();
          return;
        }
        Instant now = Instant.now();
        update(new LeaseBuilder(current.get()).editSpec().withRenewTime(at(now)).endSpec().build());
        renewed = now;
      } catch (RuntimeException e) {
        // a missed renewal is retried on the next tick; lost() reports it once the lease has run out
      }
    }

    @Override
    public void close() {
      renewal.shutdownNow();
      try {
        renewal.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      get().filter(l -> holderId(l).equals(info.id())).ifPresent(LeaseLock.this::release);
    }
  }
}
