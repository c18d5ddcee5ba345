package dev.pullplan.cli;

import dev.pullplan.PullplanException;
import dev.pullplan.state.State;
import dev.pullplan.state.StateBackend;
import dev.pullplan.state.crypto.Keyring;
import java.util.Optional;

/**
 * Key rotation's second half: a state that only a {@code _FALLBACK} key could open is written
 * again, sealed with the primary key, so the next run needs the new key alone. Apply and destroy
 * do it whenever they read the state with a fallback key, with or without changes (an apply with
 * nothing to change would otherwise never rewrite it); {@code pullplan state rekey} does it on
 * request. The caller holds the state lock.
 */
final class StateReencryption {
  private StateReencryption() {}

  /** Re-encrypts when the stored state needed a fallback key; the line to tell the user, if it did. */
  static Optional<String> ifReadWithFallback(StateBackend backend, Optional<Keyring> keyring) {
    if (keyring.isEmpty()) {
      return Optional.empty();
    }
    // read again: the apply may already have written it with the primary key
    Optional<State> stored = backend.read();
    Optional<String> fallback = keyring.get().lastReadNeededFallback();
    if (stored.isEmpty() || fallback.isEmpty()) {
      return Optional.empty();
    }
    backend.write(stored.get().nextSerial());
    return Optional.of(message(backend, keyring.get(), fallback.get()));
  }

  /** Re-encrypts the stored state with the primary key whatever it was written with. */
  static String rekey(StateBackend backend, Optional<Keyring> keyring) {
    Keyring keys = keyring.orElseThrow(() -> new PullplanException("no state key is configured: set "
        + Keyring.PASSPHRASE + " or " + Keyring.KEY_FILE + " to the new key (and the old one in "
        + Keyring.PASSPHRASE_FALLBACK + " or " + Keyring.KEY_FILE_FALLBACK + ")"));
    State stored = backend.read().orElseThrow(() -> new PullplanException("there is no state yet at " + backend.describe()));
    Optional<String> fallback = keys.lastReadNeededFallback();
    backend.write(stored.nextSerial());
    return fallback.map(f -> message(backend, keys, f))
        .orElse("Re-encrypted the state in " + backend.describe() + " with the key in " + keys.primaryVariable() + ".");
  }

  private static String message(StateBackend backend, Keyring keys, String fallback) {
    return "Re-encrypted the state in " + backend.describe() + " with the key in " + keys.primaryVariable()
        + ": it was readable only with the key in " + fallback + ". Later runs need only the new key; unset "
        + fallback + ".";
  }
}
