package dev.pullplan.sandbox.faults;

/**
 * Counts the requests every sandbox API sees (ARM, Graph, the token endpoint, the registry token
 * server, the clusters' API servers — the sandbox's own clients excepted) and calls {@code atK}
 * once, on the thread of the {@code k}-th, before that request is served: a crash test kills the
 * client there, so the k-th request is served to a client that never reads the answer.
 */
final class RequestTripwire {
  private final int k;
  private final Runnable atK;
  private int seen;

  RequestTripwire(int k, Runnable atK) {
    if (k < 1) {
      throw new IllegalArgumentException("k counts requests from 1, not " + k);
    }
    this.k = k;
    this.atK = atK;
  }

  /** One more request; true when it was the k-th (the callback has run). */
  boolean count() {
    seen++;
    if (seen == k) {
      atK.run();
      return true;
    }
    return false;
  }

  int seen() {
    return seen;
  }
}
