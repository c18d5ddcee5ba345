package dev.pullplan.config;

import dev.pullplan.model.Variable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** SHA-256 over the config files and the variable values, so a saved plan notices any change. */
final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String of(String filesDigest, Map<String, Variable> variables) {
    MessageDigest d = sha256();
    d.update(filesDigest.getBytes(StandardCharsets.UTF_8));
    variables.forEach((name, v) -> {
      d.update((name + "=" + v.value().map(String::valueOf).orElse("") + "\n").getBytes(StandardCharsets.UTF_8));
    });
    return HexFormat.of().formatHex(d.digest());
  }
}
