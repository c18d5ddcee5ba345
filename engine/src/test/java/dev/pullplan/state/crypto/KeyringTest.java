package dev.pullplan.state.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {
  private static final byte[] KEY = new byte[] {
      9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 42, 43};

  @TempDir Path dir;

  private Keyring withKeyFile(byte[] content) throws IOException {
    Path file = Files.write(dir.resolve("key"), content);
    return Keyring.fromEnvironment(Map.of(Keyring.KEY_FILE, file.toString())).orElseThrow();
  }

  @Test
  void noVariablesMeansNoKeyring() {
    assertThat(Keyring.fromEnvironment(Map.of("PATH", "/bin", Keyring.PASSPHRASE, ""))).isEmpty();
  }

  @Test
  void sealedValueOpensWithTheSameKeyAndUsesAFreshIvEachTime() throws IOException {
    Keyring keyring = withKeyFile(KEY);

    Sealed a = keyring.seal("hunter2");
    Sealed b = keyring.seal("hunter2");

    assertThat(keyring.readKey(keyring.writeKey().header(), "f").open(a)).isEqualTo("hunter2");
    assertThat(a.iv()).isNotEqualTo(b.iv());
    assertThat(Base64.getDecoder().decode(a.iv())).hasSize(12);
  }

  @Test
  void rawAndBase64KeyFilesMakeTheSameKey() throws IOException {
    EncryptionHeader raw = withKeyFile(KEY).writeKey().header();
    EncryptionHeader base64 = withKeyFile((Base64.getEncoder().encodeToString(KEY) + "\n").getBytes()).writeKey().header();

    assertThat(base64).isEqualTo(raw);
  }

  @Test
  void keyFileOfTheWrongSizeIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> withKeyFile("too-short-secret".getBytes()))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("must hold 32 random bytes")
        .hasMessageNotContaining("too-short-secret");
  }

  @Test
  void tamperedValueDoesNotOpen() throws IOException {
    Keyring keyring = withKeyFile(KEY);
    Sealed sealed = keyring.seal("hunter2");
    byte[] ciphertext = Base64.getDecoder().decode(sealed.ciphertext());
    ciphertext[0] ^= 1;

    assertThatThrownBy(() -> keyring.writeKey().open(new Sealed(sealed.iv(), Base64.getEncoder().encodeToString(ciphertext))))
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("altered");
  }

  @Test
  void passphraseAndKeyFileTogetherAreRefused() {
    assertThatThrownBy(() -> Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "p", Keyring.KEY_FILE, "/k")))
        .hasMessageContaining("set only one");
  }

  @Test
  void fallbackWithoutAPrimaryIsRefused() {
    assertThatThrownBy(() -> Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE_FALLBACK, "old")))
        .hasMessageContaining("a fallback key is only for reading");
  }

  @Test
  void keyringDoesNotPrintItsSecret() {
    Keyring keyring = Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "do-not-print-me")).orElseThrow();

    assertThat(keyring.toString()).doesNotContain("do-not-print-me").contains(Keyring.PASSPHRASE);
  }
}
