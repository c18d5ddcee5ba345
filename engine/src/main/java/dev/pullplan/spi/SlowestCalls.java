package dev.pullplan.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The few slowest HTTP calls of a run, for the summary {@code --debug} ends with: where a slow
 * plan spent its round trips, without reading the whole log. Keeps only {@code size} calls.
 */
final class SlowestCalls {
  /** One finished call: {@code outcome} is the status, or {@code failed}. */
  record Call(String what, String outcome, long millis) {}

  private final int size;
  private final PriorityQueue<Call> fastestFirst = new PriorityQueue<>(Comparator.comparingLong(Call::millis));

  SlowestCalls(int size) {
    this.size = size;
  }

  synchronized void add(Call call) {
    fastestFirst.add(call);
    if (fastestFirst.size() > size) {
      fastestFirst.poll();
    }
  }

  /** The calls kept, slowest first; forgets them, so the next run's summary is its own. */
  synchronized List<Call> drain() {
    List<Call> calls = new ArrayList<>(fastestFirst);
    calls.sort(Comparator.comparingLong(Call::millis).reversed());
    fastestFirst.clear();
    return calls;
  }
}
