package dev.pullplan.sandbox.azure;

/** The three hosts of the sandbox's Azure, each on its own port. */
public enum Api {
  ARM,
  GRAPH,
  LOGIN
}
