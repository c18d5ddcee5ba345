package dev.pullplan.model;

import java.util.Locale;
import java.util.Optional;

/** How a cluster is given pull access to a registry (DESIGN section 1). */
public enum AccessMode {
  /** AcrPull for the AKS kubelet identity: the whole cluster. */
  ATTACH,
  /** A dockerconfigjson Secret in every listed namespace. */
  PULL_SECRET,
  /** As PULL_SECRET, plus the secret in the ServiceAccounts' imagePullSecrets. */
  SERVICE_ACCOUNT;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean usesSecrets() {
    return this != ATTACH;
  }

  public static Optional<AccessMode> parse(String keyword) {
    for (AccessMode m : values()) {
      if (m.keyword().equals(keyword)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
