package dev.pullplan.sandbox.faults;

import java.time.Duration;
import java.util.Optional;

/** One fault decided for one request. */
public sealed interface Fault {
  FaultKind kind();

  /** An error answer instead of the real one; the request is not served. */
  record Status(FaultKind kind, int code, Optional<Integer> retryAfterSeconds) implements Fault {
  }

  /** The connection closes without an answer; the request is not served. */
  record Reset() implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.RESET;
    }
  }

  /** The request is served after {@code delay}. */
  record Slow(Duration delay) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.SLOW;
    }
  }
}
