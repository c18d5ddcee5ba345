package dev.pullplan.graph;

import dev.pullplan.PullplanException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks a graph of work as OpenTofu's {@code dag} walk does: each node once every node it needs
 * has finished, independent nodes in parallel; a node that fails skips everything that needs it,
 * directly or not, and nothing else. Work in flight always finishes. The rules that say which
 * node needs which live with the caller.
 *
 * @param <N> a node
 */
public final class DagWalk<N> {

  /** What a node does. */
  @FunctionalInterface
  public interface Visit<N> {
    void run(N node) throws Exception;
  }

  /** Hears of nodes as they end. */
  public interface Listener<N> {
    default void failed(N node, Throwable cause) {}

    /** Not run: something it needs failed or was withheld. */
    default void skipped(N node) {}
  }

  /** How the walk ended: every node is in exactly one of these. */
  public record Outcome<N>(List<N> done, Map<N, Throwable> failed, List<N> skipped) {}

  private final Map<N, Set<N>> prerequisites;
  private final int parallelism;

  /** @param prerequisites for every node, the nodes that must finish before it starts */
  public DagWalk(Map<N, Set<N>> prerequisites, int parallelism) {
    this.prerequisites = prerequisites;
    this.parallelism = Math.max(1, parallelism);
  }

  /**
   * @param stopRequested asked before each node starts: once true, no new node starts (those in
   *     flight finish), and the ones withheld count as skipped
   * @throws IllegalStateException when nodes wait on each other in a cycle
   */
  public Outcome<N> walk(Visit<N> visit, Listener<N> listener, java.util.function.BooleanSupplier stopRequested) {
    List<N> done = new ArrayList<>();
    Map<N, Throwable> failed = new LinkedHashMap<>();
    List<N> skipped = new ArrayList<>();
    Set<N> finished = new HashSet<>();
    Set<N> broken = new HashSet<>();
    Set<N> pending = new LinkedHashSet<>(prerequisites.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    CompletionService<N> completions = new ExecutorCompletionService<>(pool);
    Map<Future<N>, N> running = new LinkedHashMap<>();
    try {
      while (!pending.isEmpty() || !running.isEmpty()) {
        int waiting = pending.size();
        for (N n : List.copyOf(pending)) {
          Set<N> needs = prerequisites.get(n);
          if (needs.stream().anyMatch(broken::contains)) {
            pending.remove(n);
            broken.add(n);
            skipped.add(n);
            listener.skipped(n);
          } else if (finished.containsAll(needs) && stopRequested.getAsBoolean()) {
            pending.remove(n);
            broken.add(n);
            skipped.add(n);
          } else if (finished.containsAll(needs)) {
            pending.remove(n);
            running.put(completions.submit(() -> {
              visit.run(n);
              return n;
            }), n);
          }
        }
        if (running.isEmpty()) {
          if (pending.size() == waiting && !pending.isEmpty()) {
            // nothing started, failed or finished: only a cycle leaves work like that
            throw new IllegalStateException("work waits on itself in a cycle: " + pending);
          }
          continue;
        }
        Future<N> next = take(completions);
        N n = running.remove(next);
        try {
          next.get();
          finished.add(n);
          done.add(n);
        } catch (ExecutionException e) {
          broken.add(n);
          failed.put(n, e.getCause());
          listener.failed(n, e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PullplanException("interrupted");
        }
      }
    } finally {
      pool.shutdown();
    }
    return new Outcome<>(List.copyOf(done), java.util.Collections.unmodifiableMap(failed), List.copyOf(skipped));
  }

  private static <N> Future<N> take(CompletionService<N> completions) {
    try {
      return completions.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted");
    }
  }
}
