package dev.pullplan.sandbox.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The sandbox's APIs a fault can hit, with their names in a {@code --faults} spec. */
public enum FaultTarget {
  ARM("arm"),
  GRAPH("graph"),
  /** The Entra token endpoint. */
  TOKEN("token"),
  /** ACR's token server, in front of the real registry. */
  REGISTRY("registry"),
  /** Every sandbox cluster's Kubernetes API server. */
  KUBERNETES("kubernetes");

  private final String spelling;

  FaultTarget(String spelling) {
    this.spelling = spelling;
  }

  public String spelling() {
    return spelling;
  }

  static Optional<FaultTarget> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("kube") || t.equals("k8s")) {
      return Optional.of(KUBERNETES);
    }
    return Arrays.stream(values()).filter(k -> k.spelling.equals(t)).findFirst();
  }
}
