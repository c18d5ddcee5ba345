package dev.pullplan.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DagWalkTest {
  private final List<String> heardSkipped = Collections.synchronizedList(new ArrayList<>());
  private final DagWalk.Listener<String> listener = new DagWalk.Listener<>() {
    @Override
    public void skipped(String node) {
      heardSkipped.add(node);
    }
  };

  @Test
  void eachNodeRunsAfterWhatItNeedsInTheCallersOrderWhenChainsAreEqual() {
    List<String> ran = new ArrayList<>();

    DagWalk.Outcome<String> outcome = new DagWalk<>(graph("c", "b", "d", "a", "b", "", "a", ""), 1)
        .walk(ran::add, listener, () -> false);

    assertThat(ran).containsExactly("b", "a", "c", "d");
    assertThat(outcome.done()).containsExactly("b", "a", "c", "d");
  }

  @Test
  void theNodeHeadingTheLongestChainStartsBeforeIndependentWorkListedEarlier() {
    List<String> ran = new ArrayList<>();

    new DagWalk<>(graph("one", "", "two", "", "token", "scope", "secret", "token", "scope", ""), 1)
        .walk(ran::add, listener, () -> false);

    assertThat(ran).containsExactly("scope", "token", "one", "two", "secret");
  }

  @Test
  void siblingsOfEqualChainsTakeTurnsWithOtherFamiliesInsteadOfRunningOneFamilyAfterAnother() {
    List<String> ran = new ArrayList<>();

    new DagWalk<>(graph("p", "", "q", "", "p1", "p", "p2", "p", "p3", "p", "q1", "q", "q2", "q"), 1)
        .walk(ran::add, listener, () -> false);

    assertThat(ran).containsExactly("p", "q", "p1", "q1", "p2", "q2", "p3");
  }

  @Test
  void ofEqualChainsTheNodeMoreWorkWaitsOnStartsFirst() {
    List<String> ran = new ArrayList<>();

    new DagWalk<>(graph("one", "", "many", "", "a", "many", "b", "many", "c", "many", "x", "one"), 1)
        .walk(ran::add, listener, () -> false);

    assertThat(ran).startsWith("many", "one");
  }

  @Test
  void aStopRequestedWhileWorkRunsHoldsBackReadyNodesNotYetHandedToAWorker() throws Exception {
    Map<String, Set<String>> g = new LinkedHashMap<>();
    g.put("root", Set.of());
    for (int i = 0; i < 50; i++) {
      g.put("leaf" + i, Set.of("root"));
    }
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch twoLeavesRunning = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());

    CompletableFuture<DagWalk.Outcome<String>> walk = CompletableFuture.supplyAsync(() -> new DagWalk<>(g, 2).walk(n -> {
      ran.add(n);
      if (n.startsWith("leaf")) {
        twoLeavesRunning.countDown();
        release.await();
      }
    }, listener, stop::get));
    assertThat(twoLeavesRunning.await(10, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    release.countDown();
    DagWalk.Outcome<String> outcome = walk.get(10, TimeUnit.SECONDS);

    assertThat(ran).hasSize(3).contains("root");
    assertThat(outcome.skipped()).hasSize(48);
  }

  @Test
  void aFailedNodeSkipsWhatNeedsItDirectlyOrNotAndNothingElse() {
    Map<String, Set<String>> g = graph("a", "", "b", "a", "c", "b", "d", "");

    DagWalk.Outcome<String> outcome = new DagWalk<>(g, 4).walk(n -> {
      if (n.equals("a")) {
        throw new IllegalStateException("no");
      }
    }, listener, () -> false);

    assertThat(outcome.failed()).containsOnlyKeys("a");
    assertThat(outcome.skipped()).containsExactly("b", "c");
    assertThat(heardSkipped).containsExactly("b", "c");
    assertThat(outcome.done()).containsExactly("d");
  }

  @Test
  void onceStopIsRequestedNoNodeStartsAndTheWithheldCountAsSkipped() {
    DagWalk.Outcome<String> outcome = new DagWalk<>(graph("a", "", "b", "a"), 2)
        .walk(n -> { }, listener, () -> true);

    assertThat(outcome.done()).isEmpty();
    assertThat(outcome.skipped()).containsExactly("a", "b");
  }

  @Test
  void nodesThatWaitOnEachOtherAreReportedAsACycle() {
    assertThatThrownBy(() -> new DagWalk<>(graph("a", "b", "b", "a"), 2).walk(n -> { }, listener, () -> false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cycle");
  }

  /** Pairs of node and the comma-separated nodes it needs. */
  private static Map<String, Set<String>> graph(String... pairs) {
    Map<String, Set<String>> g = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      g.put(pairs[i], pairs[i + 1].isEmpty() ? Set.of() : Set.of(pairs[i + 1].split(",")));
    }
    return g;
  }
}
