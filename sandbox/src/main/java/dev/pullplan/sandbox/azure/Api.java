package dev.pullplan.sandbox.azure;

/**
 * The hosts of the sandbox's Azure, each on its own port, and the one audience that is not a host
 * here: the AKS Entra server application whose tokens Entra-only clusters accept.
 */
public enum Api {
  ARM,
  GRAPH,
  LOGIN,
  /** ACR's token server ({@code /oauth2/token}, {@code /oauth2/exchange}), plain HTTP on loopback. */
  REGISTRY,
  /** Not a host: the audience of tokens for Entra-only AKS clusters. */
  AKS_SERVER
}
