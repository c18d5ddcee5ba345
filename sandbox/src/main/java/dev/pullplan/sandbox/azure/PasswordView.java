package dev.pullplan.sandbox.azure;

import java.time.Instant;

/** A password credential of an application or service principal, as the directory shows it (no value). */
public record PasswordView(String keyId, String displayName, String hint, Instant startDateTime,
    Instant endDateTime) {

  /** Whether the password authenticates at {@code now}. */
  public boolean isLive(Instant now) {
    return !now.isBefore(startDateTime) && now.isBefore(endDateTime);
  }
}
