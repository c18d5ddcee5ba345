package dev.pullplan.sandbox.azure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An ACR token and its generated passwords (names and expiry only). */
public record TokenView(String registry, String name, String id, String scopeMapId, String status,
    List<TokenPasswordView> passwords) {

  public TokenView {
    passwords = List.copyOf(passwords);
  }

  /** A token password slot ({@code password1} or {@code password2}). */
  public record TokenPasswordView(String name, Instant creationTime, Optional<Instant> expiry) {

    public boolean isLive(Instant now) {
      return expiry.map(now::isBefore).orElse(true);
    }
  }
}
