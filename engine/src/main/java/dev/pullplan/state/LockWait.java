package dev.pullplan.state;

import dev.pullplan.PullplanException;
import java.time.Duration;
import java.time.Instant;

/**
 * How a writer waits for a state lock, whatever holds it (a file, a Lease, a commit): try, and
 * until {@code --lock-timeout} has passed pause a little and try again; then give up naming the
 * holder.
 */
public final class LockWait {
  private final String where;
  private final Instant deadline;
  private final Duration poll;

  private LockWait(String where, Instant deadline, Duration poll) {
    this.where = where;
    this.deadline = deadline;
    this.poll = poll;
  }

  /** @param where the state the lock guards, for the message */
  public static LockWait until(String where, Duration timeout, Duration poll) {
    return new LockWait(where, Instant.now().plus(timeout), poll);
  }

  /**
   * Pauses before the next try.
   *
   * @throws StateLockedException naming {@code holder} once the timeout has passed
   */
  public void pauseOrGiveUp(LockInfo holder) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new StateLockedException(where, holder);
    }
    try {
      Thread.sleep(Math.max(1, Math.min(left.toMillis(), poll.toMillis())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullplanException("interrupted while waiting for the state lock");
    }
  }
}
