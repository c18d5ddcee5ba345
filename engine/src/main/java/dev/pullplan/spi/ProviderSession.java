package dev.pullplan.spi;

import java.util.Collection;
import java.util.Optional;

/** One provider's clients and caches for one run. Used from several threads at once. */
public interface ProviderSession extends AutoCloseable {

  /** The handler of a type named in {@link Provider#resourceTypes()}. */
  ResourceHandler handler(String type);

  /**
   * Called once before a refresh with every read that is about to happen, so the provider can
   * answer them all from a few list calls (one per cluster, one per registry scope) instead of
   * one call per resource. The number of API calls must not grow with the number of namespaces.
   */
  default void prefetch(Collection<ReadRequest> reads) {}

  /**
   * Called once before an apply's first change starts, with every resource it is about to change
   * (as the config wants it, its references resolved from state as it stands before the apply: the
   * recorded value of what this run changes, {@link Unknown} for what it has not made yet; and as
   * state recorded it, absent for a create), so the provider can make side by side the lists its
   * changes each need when they start (a registry's tokens, to check a new token's name is free),
   * rather than the first change of each making them in turn while other changes wait. Only a
   * preparation: what fails here is left to the changes that need it, which report it (the engine
   * goes on with the apply whatever this throws).
   */
  default void applying(Collection<ReadRequest> changes) {}

  /**
   * A capability this session offers to the engine or to other providers, e.g. {@link
   * NamespaceInventory} or {@link ClusterCredentials}.
   */
  default <T> Optional<T> service(Class<T> type) {
    return Optional.empty();
  }

  /**
   * Called once after an apply's changes ran, those that failed too: for checks that cost fewer
   * calls once for all changes than once each (the kubernetes provider lists a cluster's pods once
   * to find those admitted before their ServiceAccount listed the pull secret). Only warns.
   */
  default void applied() {}

  @Override
  default void close() {}
}
