package dev.pullplan.state.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** A key derived from a passphrase with PBKDF2-HMAC-SHA512 and a random salt kept in the file. */
public final class PassphraseKey implements KeySource {
  public static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Derivation takes seconds at 600 000 iterations and state is written after every resource
   * change, so each (passphrase, salt, iterations) is derived once per process. Keyed by a digest so
   * the passphrase itself is not kept as a map key.
   */
  private static final Map<String, byte[]> DERIVED = new ConcurrentHashMap<>();

  private final String variable;
  private final char[] passphrase;

  PassphraseKey(String variable, String passphrase) {
    this.variable = variable;
    this.passphrase = passphrase.toCharArray();
  }

  @Override
  public String variable() {
    return variable;
  }

  @Override
  public DataKey newKey() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return derive(new KeyOrigin.FromPassphrase(ITERATIONS, Base64.getEncoder().encodeToString(salt)));
  }

  @Override
  public Optional<DataKey> keyFor(KeyOrigin origin) {
    return origin instanceof KeyOrigin.FromPassphrase p ? Optional.of(derive(p)) : Optional.empty();
  }

  private DataKey derive(KeyOrigin.FromPassphrase origin) {
    byte[] salt = Base64.getDecoder().decode(origin.salt());
    byte[] key = DERIVED.computeIfAbsent(cacheKey(origin), k -> pbkdf2(salt, origin.iterations()));
    return new DataKey(key, origin);
  }

  private byte[] pbkdf2(byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }

  private String cacheKey(KeyOrigin.FromPassphrase origin) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
      sha.update(utf8.duplicate());
      Arrays.fill(utf8.array(), (byte) 0);
      byte[] digest = sha.digest();
      return HexFormat.of().formatHex(digest) + "/" + origin.salt() + "/" + origin.iterations();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "passphrase from " + variable;
  }
}
