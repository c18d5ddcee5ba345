package dev.pullplan.state;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Who holds a lock, for the message the next writer sees. */
public record LockInfo(String id, String operation, String who, Instant created, String version) {
  /** Who this process is, as locks name it: {@code user@host pid 1234}. */
  public static final String THIS_PROCESS =
      System.getProperty("user.name", "unknown") + "@" + host() + " pid " + ProcessHandle.current().pid();

  /** A new lock's info: a fresh id, this process, now. */
  public static LockInfo forThisProcess(String operation) {
    return new LockInfo(UUID.randomUUID().toString(), operation, THIS_PROCESS, Instant.now(), Version.current());
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
    }
  }

  public String describe() {
    return "ID " + id + ", held by " + who + " for '" + operation + "' since " + created;
  }
}
