package dev.pullplan.spi;

/**
 * What the user asked of this run beyond the config.
 *
 * @param restartStale after a ServiceAccount gains the pull secret, restart the owners of pods
 *     that were admitted without it and fail to pull ({@code apply --restart-stale})
 */
public record RunOptions(boolean restartStale) {
  public static final RunOptions DEFAULTS = new RunOptions(false);
}
