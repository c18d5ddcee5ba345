package dev.pullplan.provider.kubernetes;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When a call to one of a session's clusters last ended. A large fleet keeps ending calls however
 * long it takes in all; a cluster whose call is stuck outside every deadline ends none.
 */
final class CallProgress {
  private final AtomicLong lastEnded = new AtomicLong(System.nanoTime());

  void ended() {
    lastEnded.set(System.nanoTime());
  }

  /** {@link System#nanoTime} of the last call that ended. */
  long lastEndedNanos() {
    return lastEnded.get();
  }
}
