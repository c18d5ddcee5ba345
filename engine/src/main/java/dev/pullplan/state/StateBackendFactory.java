package dev.pullplan.state;

import java.util.Set;

/**
 * Opens one type of state backend ({@code local}, {@code kubernetes}, {@code git}) from the
 * settings of a {@code backend} block. Found with {@link java.util.ServiceLoader}, so the engine
 * names no cluster or git library.
 */
public interface StateBackendFactory {

  /** The label of the {@code backend "type"} block. */
  String type();

  /** Every setting this backend understands; others are refused before {@link #open} is called. */
  Set<String> settings();

  /**
   * Builds the backend without touching the network: the first read or lock is what reaches it.
   *
   * @throws dev.pullplan.PullplanException when a setting is missing or malformed
   */
  StateBackend open(BackendContext context);
}
