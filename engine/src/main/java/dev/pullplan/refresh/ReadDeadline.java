package dev.pullplan.refresh;

import dev.pullplan.PullplanException;
import dev.pullplan.model.ShortDuration;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * How long a plan waits for the reads it started, counted from the first wait: generous, since a
 * provider bounds each of its calls itself and names what did not answer (the Kubernetes provider:
 * the cluster and the call). This is the last guard, for a provider stuck for good, so that the run
 * ends with an error rather than never.
 */
public final class ReadDeadline {
  public static final Duration DEFAULT = Duration.ofMinutes(10);

  private final Duration limit;
  private final long endNanos;

  private ReadDeadline(Duration limit) {
    this.limit = limit;
    this.endNanos = System.nanoTime() + limit.toNanos();
  }

  /** A deadline {@code limit} from now. */
  public static ReadDeadline in(Duration limit) {
    return new ReadDeadline(limit);
  }

  /**
   * The task's result. Once the deadline has passed without it, the task is cancelled and fails as
   * if it had failed itself with a user-facing error naming {@code what} ({@code reading
   * access.edge.k8s_secret["apps"]}), so a caller handles it as any other failed read.
   */
  public <T> T await(Future<T> task, Supplier<String> what) throws ExecutionException, InterruptedException {
    try {
      return task.get(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new ExecutionException(new PullplanException(what.get() + " did not finish within "
          + ShortDuration.format(limit) + ": a provider call never returned; pullplan stopped waiting for it"));
    }
  }
}
