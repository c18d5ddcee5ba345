package dev.pullplan.graph;

import dev.pullplan.PullplanException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * <p>Of the nodes that may start, the one heading the longest chain of work still to come starts
 * first, as list schedulers do: a chain such as scope map, token, password, Secret, ServiceAccount
 * gets going while independent one-step work fills the rest of the workers, instead of waiting
 * behind it. Among equal chains, siblings (nodes needing the same nodes) take turns with other
 * families' nodes — the first of each family, then the second of each — so the workers do not all
 * queue on what one family shares (the Secrets of one credential wait on one check of it at the
 * registry); then the node more work waits on directly goes first, then the caller's order. A node
 * is handed to a worker only when one is free, so a stop request holds back everything not yet
 * running.
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
    return new Walk(visit, listener, stopRequested).run();
  }

  /**
   * One walk. Nodes are numbered in the caller's order; each counts the prerequisites it still
   * waits on, so a finished node starts its dependants without looking at the others: the walk
   * costs the edges once, not every node at every completion (a fleet's apply has thousands).
   */
  private final class Walk {
    private final Visit<N> visit;
    private final Listener<N> listener;
    private final java.util.function.BooleanSupplier stopRequested;
    private final List<N> nodes = new ArrayList<>(prerequisites.keySet());
    private final int[] waitingOn = new int[nodes.size()];
    private final List<List<Integer>> dependants = new ArrayList<>();
    /** Unstarted nodes: neither running, finished, failed nor skipped. */
    private final java.util.BitSet pending = new java.util.BitSet();
    /** Nodes in the longest chain starting at each: the node, then its longest line of dependants. */
    private final int[] chain = new int[nodes.size()];
    /** How many nodes before each, in the caller's order, need exactly what it needs (none: 0). */
    private final int[] sibling = new int[nodes.size()];
    private final java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>(
        java.util.Comparator.<Integer>comparingInt(i -> -chain[i]).thenComparingInt(i -> sibling[i])
            .thenComparingInt(i -> -dependants.get(i).size()).thenComparingInt(i -> i));
    private final List<N> done = new ArrayList<>();
    private final Map<N, Throwable> failed = new LinkedHashMap<>();
    private final List<N> skipped = new ArrayList<>();

    Walk(Visit<N> visit, Listener<N> listener, java.util.function.BooleanSupplier stopRequested) {
      this.visit = visit;
      this.listener = listener;
      this.stopRequested = stopRequested;
      Map<N, Integer> position = new HashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        position.put(nodes.get(i), i);
        dependants.add(new ArrayList<>());
      }
      pending.set(0, nodes.size());
      Map<Set<N>, Integer> families = new HashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        Set<N> needs = prerequisites.get(nodes.get(i));
        // nodes that need nothing share nothing either
        sibling[i] = needs.isEmpty() ? 0 : families.merge(needs, 1, Integer::sum) - 1;
      }
      for (int i = 0; i < nodes.size(); i++) {
        // a prerequisite that is no node never finishes: the walk ends as in a cycle
        for (N need : prerequisites.get(nodes.get(i))) {
          waitingOn[i]++;
          Integer p = position.get(need);
          if (p != null) {
            dependants.get(p).add(i);
          }
        }
      }
      measureChains();
      for (int i = 0; i < nodes.size(); i++) {
        if (waitingOn[i] == 0) {
          ready.add(i);
        }
      }
    }

    /**
     * Fills {@link #chain}, dependants before the nodes they need (Kahn's order, backwards).
     * Nodes in a cycle keep 0: the walk reports the cycle when it reaches them.
     */
    private void measureChains() {
      int[] unmet = waitingOn.clone();
      int[] order = new int[nodes.size()];
      int ordered = 0;
      for (int i = 0; i < nodes.size(); i++) {
        if (unmet[i] == 0) {
          order[ordered++] = i;
        }
      }
      for (int next = 0; next < ordered; next++) {
        for (int d : dependants.get(order[next])) {
          if (--unmet[d] == 0) {
            order[ordered++] = d;
          }
        }
      }
      for (int k = ordered - 1; k >= 0; k--) {
        int i = order[k];
        int longest = 0;
        for (int d : dependants.get(i)) {
          longest = Math.max(longest, chain[d]);
        }
        chain[i] = 1 + longest;
      }
    }

    Outcome<N> run() {
      ExecutorService pool = Executors.newFixedThreadPool(parallelism);
      CompletionService<Integer> completions = new ExecutorCompletionService<>(pool);
      Map<Future<Integer>, Integer> running = new HashMap<>();
      try {
        while (true) {
          while (!ready.isEmpty() && running.size() < parallelism) {
            int i = ready.poll();
            pending.clear(i);
            if (stopRequested.getAsBoolean()) {
              skipped.add(nodes.get(i));
              skipDependants(i);
            } else {
              N n = nodes.get(i);
              running.put(completions.submit(() -> {
                visit.run(n);
                return i;
              }), i);
            }
          }
          if (running.isEmpty()) {
            if (!pending.isEmpty()) {
              // nothing runs and nothing can start: only a cycle leaves work like that
              throw new IllegalStateException("work waits on itself in a cycle: "
                  + pending.stream().mapToObj(nodes::get).toList());
            }
            break;
          }
          Future<Integer> next = take(completions);
          int i = running.remove(next);
          try {
            next.get();
            done.add(nodes.get(i));
            for (int d : dependants.get(i)) {
              if (--waitingOn[d] == 0 && pending.get(d)) {
                ready.add(d);
              }
            }
          } catch (ExecutionException e) {
            failed.put(nodes.get(i), e.getCause());
            listener.failed(nodes.get(i), e.getCause());
            skipDependants(i);
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

    /** Skips what needs node {@code i}, directly or not, in the caller's order. */
    private void skipDependants(int i) {
      java.util.TreeSet<Integer> reached = new java.util.TreeSet<>();
      List<Integer> frontier = new ArrayList<>(List.of(i));
      while (!frontier.isEmpty()) {
        int at = frontier.remove(frontier.size() - 1);
        for (int d : dependants.get(at)) {
          if (pending.get(d) && reached.add(d)) {
            frontier.add(d);
          }
        }
      }
      for (int d : reached) {
        pending.clear(d);
        skipped.add(nodes.get(d));
        listener.skipped(nodes.get(d));
      }
    }
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
