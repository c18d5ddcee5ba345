package dev.pullplan.model;

import java.util.List;
import java.util.Optional;

/** The {@code credential} block of an access. */
public record Credential(
    CredentialType type,
    List<String> repositories,
    Optional<Lifetime> expiresAfter,
    Optional<Lifetime> rotateAfter,
    Optional<Lifetime> renewBefore,
    Optional<String> username,
    Optional<String> passwordEnv,
    Optional<String> passwordFile) {

  public static Credential defaultFor(CredentialType type) {
    return new Credential(type, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }
}
