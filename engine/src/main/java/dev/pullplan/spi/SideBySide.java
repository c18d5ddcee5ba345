package dev.pullplan.spi;

import dev.pullplan.PullplanException;
import dev.pullplan.model.ShortDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs a provider's independent round trips at the same time, a bounded number at once: a
 * prefetch's lists are one per cluster or per registry, and none needs another's answer, so
 * making them one after another costs a round trip each for nothing.
 */
public final class SideBySide {
  private SideBySide() {}

  /**
   * How a watched run tells a slow task from a stuck one: by the calls its tasks make. A fleet
   * keeps ending calls however long it takes in all; a task stuck where no deadline reaches ends
   * none.
   *
   * @param lastCallEnded {@link System#nanoTime} of the last call of any of the tasks that ended
   * @param stuckAfter longer than any call takes while its deadlines hold
   * @param noun what a task is about, for the message: {@code cluster}
   */
  public record Watch(LongSupplier lastCallEnded, Duration stuckAfter, String noun) {}

  /** How the caller waits for one task of the pool: {@code all} are every task's, in order. */
  private interface Await {
    void await(Future<?> task, List<Future<?>> all) throws InterruptedException, ExecutionException;
  }

  /**
   * Runs every task, at most {@code atOnce} together, and returns once all have ended. A task's
   * runtime exception is rethrown (the first in list order) after the others ended; {@code doing}
   * names the work for an interruption's message and the threads' names.
   */
  public static void run(List<Runnable> tasks, int atOnce, String doing) {
    if (tasks.size() <= 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    inPool(tasks, atOnce, doing, (task, all) -> task.get());
  }

  /**
   * As {@link #run(List, int, String)}, except that the wait ends once no call of any task and no
   * task ended for {@link Watch#stuckAfter}: a {@link PullplanException} then names the tasks not
   * finished (by their keys) and says why it stopped waiting. Even a single task runs on a pool
   * thread, as the caller's could not be watched.
   */
  public static void run(Map<String, Runnable> named, int atOnce, String doing, Watch watch) {
    // a task that ends without a call (its connection failed before one) is progress too
    AtomicLong lastEnded = new AtomicLong(System.nanoTime());
    List<Runnable> tasks = named.values().stream().<Runnable>map(task -> () -> {
      try {
        task.run();
      } finally {
        lastEnded.set(System.nanoTime());
      }
    }).toList();
    List<String> names = List.copyOf(named.keySet());
    inPool(tasks, atOnce, doing, (task, all) -> {
      while (true) {
        long quietSince = Math.max(lastEnded.get(), watch.lastCallEnded().getAsLong());
        long left = quietSince + watch.stuckAfter().toNanos() - System.nanoTime();
        if (left <= 0) {
          throw stuck(names, all, doing, watch);
        }
        try {
          task.get(left, TimeUnit.NANOSECONDS);
          return;
        } catch (TimeoutException quietSoFar) {
          // another task's call may have ended meanwhile: the loop measures again
        }
      }
    });
  }

  private static void inPool(List<Runnable> tasks, int atOnce, String doing, Await await) {
    AtomicInteger count = new AtomicInteger();
    // daemon threads: a task stuck past every deadline must not keep the JVM alive after the run
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(atOnce, tasks.size())), task -> {
      Thread t = new Thread(task, "pullplan " + doing + " " + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      tasks.forEach(task -> running.add(pool.submit(task)));
      RuntimeException first = null;
      for (Future<?> f : running) {
        try {
          await.await(f, running);
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while " + doing);
    } finally {
      pool.shutdownNow();
    }
  }

  private static PullplanException stuck(List<String> names, List<Future<?>> running, String doing, Watch watch) {
    List<String> unfinished = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!running.get(i).isDone()) {
        unfinished.add(watch.noun() + " \"" + names.get(i) + "\"");
      }
    }
    return new PullplanException(doing + ": " + String.join(", ", unfinished) + " did not finish, and no call to a "
        + watch.noun() + " ended for " + ShortDuration.format(watch.stuckAfter())
        + ", longer than any call takes while its deadlines hold: pullplan stopped waiting for "
        + (unfinished.size() == 1 ? "it" : "them") + " (a connection or call stuck outside those deadlines)");
  }
}
