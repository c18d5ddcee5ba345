package dev.pullplan.provider.kubernetes;

import dev.pullplan.PullplanException;
import dev.pullplan.model.ShortDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per cluster, a bounded number at once: each cluster's calls are its own, so
 * clusters wait for each other's round trips only beyond {@link #CLUSTERS_AT_ONCE}. The wait ends
 * when no call to any of the clusters has ended for longer than a call takes while its deadlines
 * hold ({@link ClusterConnector#stuckAfter}), so a fleet may take as long as it needs and a cluster
 * stuck where no deadline reaches fails the wait, by name, instead of holding it forever.
 */
final class SideBySide {
  /** Clusters whose lists are read at once (the per-resource reads have their own pool). */
  static final int CLUSTERS_AT_ONCE = 10;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final CallProgress progress;
  private final Duration stuckAfter;

  SideBySide(CallProgress progress, Duration stuckAfter) {
    this.progress = progress;
    this.stuckAfter = stuckAfter;
  }

  /**
   * @param perCluster each cluster's task, by the cluster's name
   * @param doing what the tasks do, for messages: {@code reading the clusters}
   */
  void run(Map<String, Runnable> perCluster, String doing) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(CLUSTERS_AT_ONCE, perCluster.size())),
        daemons());
    long started = System.nanoTime();
    try {
      Map<String, Future<?>> running = new LinkedHashMap<>();
      // a cluster whose task ends without a call (its connection failed before one) is progress too
      perCluster.forEach((cluster, task) -> running.put(cluster, pool.submit(() -> {
        try {
          task.run();
        } finally {
          progress.ended();
        }
      })));
      for (Future<?> f : running.values()) {
        await(f, started, running, doing);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while " + doing);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void await(Future<?> task, long started, Map<String, Future<?>> running, String doing)
      throws InterruptedException, ExecutionException {
    while (true) {
      long left = Math.max(started, progress.lastEndedNanos()) + stuckAfter.toNanos() - System.nanoTime();
      if (left <= 0) {
        throw stuck(running, doing);
      }
      try {
        task.get(left, TimeUnit.NANOSECONDS);
        return;
      } catch (TimeoutException quietSoFar) {
        // another cluster's call may have ended meanwhile: the loop measures again
      }
    }
  }

  private PullplanException stuck(Map<String, Future<?>> running, String doing) {
    List<String> unfinished = running.entrySet().stream().filter(e -> !e.getValue().isDone())
        .map(e -> "\"" + e.getKey() + "\"").toList();
    boolean one = unfinished.size() == 1;
    return new PullplanException(doing + ": " + (one ? "cluster " : "clusters ") + String.join(", ", unfinished)
        + " did not finish, and no call to a cluster ended for " + ShortDuration.format(stuckAfter)
        + ", longer than any call takes while its answer deadlines hold: pullplan stopped waiting for "
        + (one ? "it" : "them") + " (a connection or call stuck outside those deadlines)");
  }

  /** Daemons, so that a task stuck for good does not keep the process alive after the run gave up on it. */
  private static ThreadFactory daemons() {
    return task -> {
      Thread t = new Thread(task, "pullplan-cluster-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
