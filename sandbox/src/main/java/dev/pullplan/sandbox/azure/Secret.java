package dev.pullplan.sandbox.azure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A password the sandbox handed out, kept only as a digest: the world can check a credential
 * without holding its value.
 */
final class Secret {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] digest;

  private Secret(byte[] digest) {
    this.digest = digest;
  }

  /** A fresh random password value, 40 URL-safe characters like Entra's. */
  static String newValue() {
    byte[] bytes = new byte[30];
    RANDOM.nextBytes(bytes);
    return IssuedSecrets.issued(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  static Secret of(String value) {
    return new Secret(sha256(value));
  }

  /** A stable digest of {@code value} for map keys, so the value itself is not kept. */
  static String fingerprint(String value) {
    return java.util.HexFormat.of().formatHex(sha256(value));
  }

  boolean matches(String candidate) {
    return MessageDigest.isEqual(digest, sha256(candidate));
  }

  @Override
  public String toString() {
    return "Secret[<redacted>]";
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
