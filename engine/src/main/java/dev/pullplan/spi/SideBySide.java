package dev.pullplan.spi;

import dev.pullplan.PullplanException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a provider's independent round trips at the same time, a bounded number at once: a
 * prefetch's lists are one per cluster or per registry, and none needs another's answer, so
 * making them one after another costs a round trip each for nothing.
 */
public final class SideBySide {
  private SideBySide() {}

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
          f.get();
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
}
