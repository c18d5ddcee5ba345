package dev.pullplan.state;

import java.time.Instant;

/** Who holds a lock, for the message the next writer sees. */
public record LockInfo(String id, String operation, String who, Instant created, String version) {

  public String describe() {
    return "ID " + id + ", held by " + who + " for '" + operation + "' since " + created;
  }
}
