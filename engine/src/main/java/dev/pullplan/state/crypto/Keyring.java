package dev.pullplan.state.crypto;

import dev.pullplan.PullplanException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys that seal sensitive values in state files and saved plans: a primary key, always used
 * for writing, and fallback keys that are only tried for reading, so a key can be rotated by
 * moving the old one to a {@code _FALLBACK} variable.
 */
public final class Keyring {
  public static final String PASSPHRASE = "PULLPLAN_STATE_PASSPHRASE";
  public static final String KEY_FILE = "PULLPLAN_STATE_KEY_FILE";
  public static final String PASSPHRASE_FALLBACK = "PULLPLAN_STATE_PASSPHRASE_FALLBACK";
  public static final String KEY_FILE_FALLBACK = "PULLPLAN_STATE_KEY_FILE_FALLBACK";

  private final KeySource primary;
  private final List<KeySource> fallbacks;
  private final AtomicReference<DataKey> writeKey = new AtomicReference<>();
  /** The fallback variable the last file read needed, or null when the primary opened it. */
  private final AtomicReference<String> lastReadFallback = new AtomicReference<>();

  Keyring(KeySource primary, List<KeySource> fallbacks) {
    this.primary = primary;
    this.fallbacks = List.copyOf(fallbacks);
  }

  /**
   * The keyring the environment configures; empty when no key is set (sensitive values are then
   * written in plaintext, with a warning).
   *
   * @throws PullplanException when the variables contradict each other or a key file is unusable
   */
  public static Optional<Keyring> fromEnvironment(Map<String, String> env) {
    Optional<KeySource> primary = source(env, PASSPHRASE, KEY_FILE);
    Optional<KeySource> fallback = source(env, PASSPHRASE_FALLBACK, KEY_FILE_FALLBACK);
    if (primary.isEmpty() && fallback.isPresent()) {
      throw new PullplanException(fallback.get().variable() + " is set but neither " + PASSPHRASE + " nor "
          + KEY_FILE + " is: a fallback key is only for reading, set the key to write with too");
    }
    if (primary.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Keyring(primary.get(), fallback.stream().toList()));
  }

  private static Optional<KeySource> source(Map<String, String> env, String passphraseVar, String keyFileVar) {
    Optional<String> passphrase = value(env, passphraseVar);
    Optional<String> keyFile = value(env, keyFileVar);
    if (passphrase.isPresent() && keyFile.isPresent()) {
      throw new PullplanException("both " + passphraseVar + " and " + keyFileVar + " are set: set only one");
    }
    return passphrase.<KeySource>map(p -> new PassphraseKey(passphraseVar, p))
        .or(() -> keyFile.map(f -> FileKey.read(keyFileVar, Path.of(f))));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
  }

  /** The key new files are written with: always the primary's, made once per keyring. */
  public DataKey writeKey() {
    return writeKey.updateAndGet(k -> k != null ? k : primary.newKey());
  }

  public Sealed seal(String plaintext) {
    return writeKey().seal(plaintext);
  }

  /**
   * The key a file with {@code header} was written with: the primary's when it matches, else the
   * first fallback that does.
   *
   * @param where the file, for the message
   * @throws PullplanException naming the variables when no configured key matches
   */
  public DataKey readKey(EncryptionHeader header, String where) {
    List<KeySource> tried = new ArrayList<>();
    for (KeySource source : Stream.concat(Stream.of(primary), fallbacks.stream()).toList()) {
      Optional<DataKey> candidate = source.keyFor(header.origin());
      if (candidate.isEmpty()) {
        continue;
      }
      if (source == primary) {
        // the primary's key for this file's salt is as good for writing as a fresh one, and
        // reusing it saves a second slow derivation in every run
        writeKey.compareAndSet(null, candidate.get());
      }
      if (candidate.get().matches(header)) {
        lastReadFallback.set(source == primary ? null : source.variable());
        return candidate.get();
      }
      tried.add(source);
    }
    throw new PullplanException(where + " holds values encrypted with " + describe(header.origin())
        + (tried.isEmpty()
            ? ", and no key of that kind is configured"
            : ", and the key" + (tried.size() > 1 ? "s" : "") + " in "
                + tried.stream().map(KeySource::variable).collect(Collectors.joining(" and "))
                + " do" + (tried.size() > 1 ? "" : "es") + " not open them")
        + ". Set " + PASSPHRASE + " or " + KEY_FILE + " to the key it was written with; when rotating"
        + " keys, put the old one in " + PASSPHRASE_FALLBACK + " or " + KEY_FILE_FALLBACK + ".");
  }

  /**
   * The fallback variable whose key the last encrypted file read needed; empty when the primary
   * opened it. A state read this way is re-encrypted with the primary, so the fallback can go.
   */
  public Optional<String> lastReadNeededFallback() {
    return Optional.ofNullable(lastReadFallback.get());
  }

  /** The variable the primary key is set in, for messages. */
  public String primaryVariable() {
    return primary.variable();
  }

  private static String describe(KeyOrigin origin) {
    return origin instanceof KeyOrigin.FromPassphrase
        ? "a passphrase key (" + PASSPHRASE + ")"
        : "a key file (" + KEY_FILE + ")";
  }

  @Override
  public String toString() {
    return "Keyring[" + primary + (fallbacks.isEmpty() ? "" : ", fallback " + fallbacks) + "]";
  }
}
