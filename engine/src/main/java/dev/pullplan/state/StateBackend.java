package dev.pullplan.state;

import java.time.Duration;
import java.util.Optional;

/** Where state lives: read, write, lock. Small on purpose, like OpenTofu's statemgr. */
public interface StateBackend {

  /** Human description for messages: the file path, the Secret name... */
  String describe();

  /** The stored state, or empty when none was ever written. Takes no lock. */
  Optional<State> read();

  /**
   * Stores {@code state} completely or not at all: a crash mid-write leaves the previous version
   * readable. The caller bumps the serial.
   */
  void write(State state);

  /**
   * Takes the exclusive lock for a writing operation, waiting up to {@code timeout}.
   *
   * @throws StateLockedException naming the holder when it cannot be had in time
   */
  StateLock lock(String operation, Duration timeout);

  /**
   * A journal that records single changes between whole writes, making each change of an apply
   * cost one change; empty when this backend stores whole states only (each change then writes
   * the whole state). Each call gives a new, not yet begun journal.
   */
  default Optional<StateJournal> journal() {
    return Optional.empty();
  }

  /** Whether secret values are encrypted when written (a state key is configured). */
  default boolean encryptsSecrets() {
    return false;
  }

  /** Removes a lock left by a crashed run; {@code id} must match the holder's id. */
  void forceUnlock(String id);
}
