package dev.pullplan.sandbox.azure;

import java.time.Clock;

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
 */
public record SandboxOptions(int armPort, int graphPort, int loginPort, Clock clock, int pageSize, int lroPolls) {

  public SandboxOptions {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    if (lroPolls < 0) {
      throw new IllegalArgumentException("lroPolls must not be negative");
    }
  }

  /** Free ports, the system clock, pages of 100, one "in progress" answer per long-running operation. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(0, 0, 0, Clock.systemUTC(), 100, 1);
  }

  public SandboxOptions withPorts(int arm, int graph, int login) {
    return new SandboxOptions(arm, graph, login, clock, pageSize, lroPolls);
  }

  public SandboxOptions withClock(Clock value) {
    return new SandboxOptions(armPort, graphPort, loginPort, value, pageSize, lroPolls);
  }

  public SandboxOptions withPageSize(int value) {
    return new SandboxOptions(armPort, graphPort, loginPort, clock, value, lroPolls);
  }

  public SandboxOptions withLroPolls(int value) {
    return new SandboxOptions(armPort, graphPort, loginPort, clock, pageSize, value);
  }
}
