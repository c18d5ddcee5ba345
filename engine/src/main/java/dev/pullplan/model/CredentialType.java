package dev.pullplan.model;

import java.util.Locale;
import java.util.Optional;

/** Where the username/password of a secret-mode access comes from. */
public enum CredentialType {
  SERVICE_PRINCIPAL,
  TOKEN,
  EXTERNAL;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether pullplan creates the credential in Azure (and so needs an ACR registry). */
  public boolean managedInAzure() {
    return this != EXTERNAL;
  }

  public static Optional<CredentialType> parse(String keyword) {
    for (CredentialType t : values()) {
      if (t.keyword().equals(keyword)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
