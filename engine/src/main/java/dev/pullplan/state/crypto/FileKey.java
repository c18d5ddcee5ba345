package dev.pullplan.state.crypto;

import dev.pullplan.IoFailure;
import dev.pullplan.PullplanException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/** A 32-byte key read from a file, raw or base64. */
public final class FileKey implements KeySource {
  private static final int KEY_BYTES = 32;

  private final String variable;
  private final Path file;
  private final byte[] key;

  private FileKey(String variable, Path file, byte[] key) {
    this.variable = variable;
    this.file = file;
    this.key = key;
  }

  /** Reads the key now, so a bad key file is reported before any state is touched. */
  static FileKey read(String variable, Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PullplanException(variable + " names " + file + ", which cannot be read: " + IoFailure.describe(e));
    }
    return new FileKey(variable, file, decode(variable, file, content));
  }

  private static byte[] decode(String variable, Path file, byte[] content) {
    if (content.length == KEY_BYTES) {
      return content;
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
      if (decoded.length == KEY_BYTES) {
        return decoded;
      }
    } catch (IllegalArgumentException notBase64) {
      // reported below with the expected shapes
    }
    throw new PullplanException("the key file " + file + " (from " + variable + ") must hold " + KEY_BYTES
        + " random bytes, raw or base64 (e.g. `head -c 32 /dev/urandom | base64 > " + file.getFileName() + "`)");
  }

  @Override
  public String variable() {
    return variable;
  }

  @Override
  public DataKey newKey() {
    return new DataKey(key, new KeyOrigin.FromKeyFile());
  }

  @Override
  public Optional<DataKey> keyFor(KeyOrigin origin) {
    return origin instanceof KeyOrigin.FromKeyFile ? Optional.of(newKey()) : Optional.empty();
  }

  @Override
  public String toString() {
    return "key file " + file + " from " + variable;
  }
}
