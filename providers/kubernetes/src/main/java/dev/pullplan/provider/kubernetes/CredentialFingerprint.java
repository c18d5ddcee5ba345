package dev.pullplan.provider.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short hash of a login, put on Secrets so people (and {@code pullplan doctor}) can tell two
 * secrets hold the same credential without reading it. Never the secret itself.
 */
final class CredentialFingerprint {
  private static final int HEX_CHARS = 16;

  private CredentialFingerprint() {}

  static String of(RegistryLogin login) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((login.server() + "\n" + login.username() + "\n" + login.password())
          .getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
