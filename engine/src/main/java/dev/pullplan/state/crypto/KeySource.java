package dev.pullplan.state.crypto;

import java.util.Optional;

/** A key the user configured through an environment variable. */
public sealed interface KeySource permits PassphraseKey, FileKey {

  /** The environment variable it came from, for messages. */
  String variable();

  /** A fresh key for writing a new file. */
  DataKey newKey();

  /** The key a file with {@code origin} was written with, if this source can make that kind of key. */
  Optional<DataKey> keyFor(KeyOrigin origin);
}
