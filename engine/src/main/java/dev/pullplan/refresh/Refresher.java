package dev.pullplan.refresh;

import dev.pullplan.PullplanException;
import dev.pullplan.address.Address;
import dev.pullplan.context.Run;
import dev.pullplan.expand.DesiredResource;
import dev.pullplan.expand.Resolver;
import dev.pullplan.spi.Observed;
import dev.pullplan.spi.ReadRequest;
import dev.pullplan.spi.ResourceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Refresh: what exists, read through the providers, before anything is compared. */
public final class Refresher {
  private final Run run;
  private final int parallelism;
  private final Duration limit;

  public Refresher(Run run, int parallelism) {
    this(run, parallelism, ReadDeadline.DEFAULT);
  }

  /** @param limit how long the reads of one refresh may take in all ({@link ReadDeadline}) */
  public Refresher(Run run, int parallelism, Duration limit) {
    this.run = run;
    this.parallelism = parallelism;
    this.limit = limit;
  }

  /**
   * Reads every resource of {@code order}: as the config wants it ({@code desired}, absent for
   * what is only in state) and as state recorded it. Each provider gets its batch to prefetch
   * first (one LIST per cluster rather than one GET per object); then the reads run in parallel.
   * A read that fails with a user-facing error is {@link Observed.Unreadable}, never thrown.
   */
  public Map<Address, Observed> read(
      List<Address> order, Map<Address, DesiredResource> desired, Map<Address, ResourceState> recorded) {
    // Reads locate objects by names the config states; references to other resources resolve
    // from state, since nothing has changed yet.
    Resolver fromState = Resolver.fromStates(a -> Optional.ofNullable(recorded.get(a)));
    Map<String, List<ReadRequest>> byProvider = new LinkedHashMap<>();
    List<ReadRequest> reads = new ArrayList<>();
    for (Address a : order) {
      Optional<DesiredResource> d = Optional.ofNullable(desired.get(a));
      Optional<ResourceState> prior = Optional.ofNullable(recorded.get(a));
      String type = d.map(DesiredResource::type).orElseGet(() -> prior.orElseThrow().type());
      ReadRequest read = new ReadRequest(a, type, d.map(fromState::resolve), prior);
      reads.add(read);
      byProvider.computeIfAbsent(run.providerName(type), k -> new ArrayList<>()).add(read);
    }
    Map<Address, Observed> out = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
    try {
      // providers prefetch side by side: Azure's lists need not wait for the clusters'
      ReadDeadline deadline = ReadDeadline.in(limit);
      Map<String, Future<?>> prefetches = new LinkedHashMap<>();
      byProvider.forEach((provider, batch) -> prefetches.put(provider,
          pool.submit(() -> run.session(run.registry().require(batch.get(0).type())).prefetch(batch))));
      for (Map.Entry<String, Future<?>> f : prefetches.entrySet()) {
        awaitPrefetch(deadline, f.getKey(), f.getValue());
      }
      Map<Address, Future<Observed>> futures = new LinkedHashMap<>();
      for (ReadRequest r : reads) {
        Callable<Observed> task = () -> run.handler(r.type()).read(r);
        futures.put(r.address(), pool.submit(task));
      }
      for (Map.Entry<Address, Future<Observed>> f : futures.entrySet()) {
        out.put(f.getKey(), await(deadline, f.getKey(), f.getValue()));
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private static void awaitPrefetch(ReadDeadline deadline, String provider, Future<?> f) {
    try {
      deadline.await(f, () -> "refresh: the " + provider + " provider's reads");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while reading");
    }
  }

  private static Observed await(ReadDeadline deadline, Address address, Future<Observed> f) {
    try {
      return deadline.await(f, () -> "reading " + address);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PullplanException p) {
        return new Observed.Unreadable(p.getMessage());
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while reading");
    }
  }

}
