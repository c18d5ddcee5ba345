package dev.pullplan.state.crypto;

/**
 * How the key of an encrypted file was made, stored in the file so a reader can make the same key
 * again. Holds no secret: the salt is public by design.
 */
public sealed interface KeyOrigin {

  /** A key derived from a passphrase with PBKDF2-HMAC-SHA512. */
  record FromPassphrase(int iterations, String salt) implements KeyOrigin {
    public static final String KDF = "PBKDF2-HMAC-SHA512";
  }

  /** A key read as is from a key file. */
  record FromKeyFile() implements KeyOrigin {}
}
