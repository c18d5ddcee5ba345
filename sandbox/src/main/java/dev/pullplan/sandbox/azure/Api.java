package dev.pullplan.sandbox.azure;

/** The hosts of the sandbox's Azure, each on its own port. */
public enum Api {
  ARM,
  GRAPH,
  LOGIN,
  /** ACR's token server ({@code /oauth2/token}, {@code /oauth2/exchange}), plain HTTP on loopback. */
  REGISTRY
}
