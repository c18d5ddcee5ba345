package dev.pullplan.provider.kubernetes;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value computed once for the run, failure included: a cluster that refused a list is not asked
 * again by every read, and every read reports the same message. {@link #reset} after a write.
 */
final class Memo<T> {
  private final Supplier<T> compute;
  private T value;
  private RuntimeException failure;

  Memo(Supplier<T> compute) {
    this.compute = compute;
  }

  synchronized T get() {
    if (failure != null) {
      throw failure;
    }
    if (value == null) {
      try {
        value = compute.get();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return value;
  }

  /** The value if it was computed and nothing was written since; never computes it. */
  synchronized Optional<T> peek() {
    return Optional.ofNullable(value);
  }

  synchronized void reset() {
    value = null;
    failure = null;
  }
}
