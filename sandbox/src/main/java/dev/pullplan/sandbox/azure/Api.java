package dev.pullplan.sandbox.azure;

/**
 * The three hosts of the sandbox's Azure, each on its own port, and the one audience that is not a
 * host here: the AKS Entra server application whose tokens Entra-only clusters accept.
 */
public enum Api {
  ARM,
  GRAPH,
  LOGIN,
  AKS_SERVER
}
