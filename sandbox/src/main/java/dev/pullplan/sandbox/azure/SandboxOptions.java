package dev.pullplan.sandbox.azure;

import java.time.Clock;
import java.util.Optional;

/**
 * How the sandbox's Azure listens and behaves.
 *
 * @param armPort ARM port, 0 for a free one
 * @param graphPort Microsoft Graph port, 0 for a free one (a different host than ARM, so the SDK
 *     asks for a different token scope)
 * @param loginPort Entra token endpoint port, 0 for a free one
 * @param clock the time of the world: creation dates, password expiry, replication age
 * @param pageSize list responses carry at most this many items and a {@code nextLink}
 * @param lroPolls how many times a long-running operation answers "in progress" before it is done;
 *     0 makes every operation answer synchronously
 * @param lroRetryAfterSeconds the {@code Retry-After} (whole seconds, as ARM sends it) on every "in
 *     progress" answer, or none: then the client picks its own interval (the Java SDK's default is
 *     30 s per poll; pullplan's is shorter)
 */
public record SandboxOptions(int armPort, int graphPort, int loginPort, Clock clock, int pageSize, int lroPolls,
    Optional<Integer> lroRetryAfterSeconds) {

  public SandboxOptions {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    if (lroPolls < 0) {
      throw new IllegalArgumentException("lroPolls must not be negative");
    }
    if (lroRetryAfterSeconds.isPresent() && lroRetryAfterSeconds.get() < 0) {
      throw new IllegalArgumentException("lroRetryAfterSeconds must not be negative");
    }
  }

  /** Free ports, the system clock, pages of 100, long-running operations that finish at once. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(0, 0, 0, Clock.systemUTC(), 100, 0, Optional.empty());
  }

  public SandboxOptions withPorts(int arm, int graph, int login) {
    return new SandboxOptions(arm, graph, login, clock, pageSize, lroPolls, lroRetryAfterSeconds);
  }

  public SandboxOptions withClock(Clock value) {
    return new SandboxOptions(armPort, graphPort, loginPort, value, pageSize, lroPolls, lroRetryAfterSeconds);
  }

  public SandboxOptions withPageSize(int value) {
    return new SandboxOptions(armPort, graphPort, loginPort, clock, value, lroPolls, lroRetryAfterSeconds);
  }

  public SandboxOptions withLroPolls(int value) {
    return new SandboxOptions(armPort, graphPort, loginPort, clock, pageSize, value, lroRetryAfterSeconds);
  }

  /** Every "in progress" answer carries {@code Retry-After: seconds}. */
  public SandboxOptions withLroRetryAfter(int seconds) {
    return new SandboxOptions(armPort, graphPort, loginPort, clock, pageSize, lroPolls, Optional.of(seconds));
  }
}
