package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.PullplanException;
import dev.pullplan.state.crypto.Keyring;
import dev.pullplan.testing.SecretForms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateBackendTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private Path file() {
    return dir.resolve("pullplan.state.json");
  }

  private LocalStateBackend plaintext() {
    return new LocalStateBackend(file(), Optional.empty(), warnings::add);
  }

  private LocalStateBackend encrypted(Map<String, String> env) {
    return new LocalStateBackend(file(), Keyring.fromEnvironment(env), warnings::add);
  }

  private Path keyFile(String name) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(key) + "\n");
  }

  @Test
  void readOfMissingFileIsEmpty() {
    assertThat(plaintext().read()).isEmpty();
  }

  @Test
  void writeThenReadPreservesSerialLineageAndEverythingElse() {
    State state = StateFixtures.sample();
    plaintext().write(state);

    assertThat(plaintext().read()).contains(state);
  }

  @Test
  void backupHoldsThePreviousVersionAfterAWrite() {
    State first = StateFixtures.sample();
    State second = first.nextSerial();
    plaintext().write(first);
    plaintext().write(second);

    assertThat(new LocalStateBackend(dir.resolve("pullplan.state.json.backup"), Optional.empty(), w -> {}).read())
        .contains(first);
    assertThat(plaintext().read()).contains(second);
  }

  @Test
  void writeLeavesNoTempFileBehind() throws IOException {
    plaintext().write(StateFixtures.sample());
    plaintext().write(StateFixtures.sample().nextSerial());

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("pullplan.state.json", "pullplan.state.json.backup");
    }
  }

  @Test
  void writeRemovesATempFileThatACrashedWriteLeftBehind() throws IOException {
    plaintext().write(StateFixtures.sample());
    // what a write killed between creating its temp file and renaming it leaves: the state, secrets in plaintext
    Path left = Files.write(dir.resolve(".pullplan.state.json.4471830215.tmp"), Files.readAllBytes(file()));
    Path backupLeft = Files.write(dir.resolve(".pullplan.state.json.backup.99.tmp"), Files.readAllBytes(file()));

    plaintext().write(StateFixtures.sample().nextSerial());

    assertThat(left).doesNotExist();
    assertThat(backupLeft).doesNotExist();
  }

  @Test
  void writeLeavesTheTempFilesOfOtherFilesAlone() throws IOException {
    Path other = Files.writeString(dir.resolve(".other.state.json.17.tmp"), "not ours");
    Path unrelated = Files.writeString(dir.resolve(".pullplan.state.json.notes"), "not a temp file");

    plaintext().write(StateFixtures.sample());

    assertThat(other).exists();
    assertThat(unrelated).exists();
  }

  @Test
  void readOfStateFromANewerPullplanWarns() throws IOException {
    plaintext().write(StateFixtures.sample());
    String text = Files.readString(file()).replace("\"pullplan_version\": \"0.1.0-test\"", "\"pullplan_version\": \"99.2.0\"");
    Files.writeString(file(), text);
    warnings.clear();

    assertThat(plaintext().read()).isPresent();

    assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
        .startsWith("WARNING: state file " + file() + " was written by pullplan 99.2.0, newer than this pullplan ("));
  }

  @Test
  void readOfStateFromThisOrAnOlderPullplanDoesNotWarn() {
    plaintext().write(StateFixtures.sample());
    warnings.clear();

    plaintext().read();

    assertThat(warnings).isEmpty();
  }

  @Test
  void plaintextWriteOfSecretsWarnsEveryTime() {
    plaintext().write(StateFixtures.sample());
    plaintext().write(StateFixtures.sample().nextSerial());

    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).isEqualTo("WARNING: state file " + file()
        + " holds 2 secret values unencrypted; set PULLPLAN_STATE_PASSPHRASE or PULLPLAN_STATE_KEY_FILE"));
  }

  @Test
  void plaintextWriteWithoutSecretsDoesNotWarn() {
    plaintext().write(State.empty("lineage"));

    assertThat(warnings).isEmpty();
  }

  @Test
  void encryptedFileHoldsNoSecretBytes() throws IOException {
    encrypted(Map.of(Keyring.KEY_FILE, keyFile("k").toString())).write(StateFixtures.sample());

    String raw = Files.readString(file());
    assertThat(SecretForms.of(List.of(StateFixtures.PASSWORD, StateFixtures.DOCKER_CONFIG)).foundIn(raw)).isEmpty();
    assertThat(raw).contains("\"sensitive_values\": \"encrypted\"");
    assertThat(warnings).isEmpty();
  }

  @Test
  void encryptedFileReadsBackWithTheKey() throws IOException {
    Map<String, String> env = Map.of(Keyring.KEY_FILE, keyFile("k").toString());
    encrypted(env).write(StateFixtures.sample());

    assertThat(encrypted(env).read()).contains(StateFixtures.sample());
  }

  @Test
  void encryptedFileWithoutAKeyFailsClearlyAndChangesNothing() throws IOException {
    encrypted(Map.of(Keyring.KEY_FILE, keyFile("k").toString())).write(StateFixtures.sample());
    byte[] before = Files.readAllBytes(file());

    assertThatThrownBy(() -> plaintext().read())
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("no key is configured")
        .hasMessageContaining("PULLPLAN_STATE_PASSPHRASE")
        .hasMessageContaining("PULLPLAN_STATE_KEY_FILE");
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pullplan.state.json", "k");
    }
  }

  @Test
  void encryptedFileWithAWrongKeyFailsClearlyAndChangesNothing() throws IOException {
    encrypted(Map.of(Keyring.KEY_FILE, keyFile("right").toString())).write(StateFixtures.sample());
    byte[] before = Files.readAllBytes(file());
    LocalStateBackend wrong = encrypted(Map.of(Keyring.KEY_FILE, keyFile("wrong").toString()));

    assertThatThrownBy(wrong::read)
        .isInstanceOf(PullplanException.class)
        .hasMessageContaining("the key in PULLPLAN_STATE_KEY_FILE does not open them")
        .hasMessageContaining("PULLPLAN_STATE_KEY_FILE_FALLBACK");
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
  }

  @Test
  void fallbackPassphraseReadsOldStateAndTheNextWriteUsesThePrimary() throws IOException {
    encrypted(Map.of(Keyring.PASSPHRASE, "old passphrase")).write(StateFixtures.sample());
    LocalStateBackend rotating = encrypted(Map.of(
        Keyring.PASSPHRASE, "new passphrase", Keyring.PASSPHRASE_FALLBACK, "old passphrase"));

    State read = rotating.read().orElseThrow();
    rotating.write(read.nextSerial());

    assertThat(read).isEqualTo(StateFixtures.sample());
    assertThat(encrypted(Map.of(Keyring.PASSPHRASE, "new passphrase")).read()).contains(StateFixtures.sample().nextSerial());
    assertThatThrownBy(() -> encrypted(Map.of(Keyring.PASSPHRASE, "old passphrase")).read())
        .hasMessageContaining("the key in PULLPLAN_STATE_PASSPHRASE does not open them");
  }

  @Test
  void plaintextStateIsEncryptedOnTheFirstWriteWithAKey() throws IOException {
    plaintext().write(StateFixtures.sample());
    LocalStateBackend withKey = encrypted(Map.of(Keyring.KEY_FILE, keyFile("k").toString()));

    withKey.write(withKey.read().orElseThrow().nextSerial());

    assertThat(Files.readString(file())).doesNotContain(StateFixtures.PASSWORD);
    assertThat(withKey.read()).contains(StateFixtures.sample().nextSerial());
  }

  @Test
  void secondLockInThisJvmIsRefusedNamingTheHolder() {
    try (StateLock held = plaintext().lock("apply", Duration.ZERO)) {
      assertThatThrownBy(() -> plaintext().lock("plan", Duration.ZERO))
          .isInstanceOfSatisfying(StateLockedException.class,
              e -> assertThat(e.holder()).isEqualTo(held.info()))
          .hasMessageContaining(held.info().id())
          .hasMessageContaining("'apply'");
    }
  }

  @Test
  void lockFileHoldsTheHolderAndIsDeletedOnClose() throws IOException {
    Path lockFile = dir.resolve("pullplan.state.json.lock");
    try (StateLock held = plaintext().lock("apply", Duration.ZERO)) {
      assertThat(LockInfoJson.decode(Files.readAllBytes(lockFile))).contains(held.info());
      assertThat(held.info().who()).contains("@").contains("pid " + ProcessHandle.current().pid());
    }
    assertThat(lockFile).doesNotExist();
    plaintext().lock("apply", Duration.ZERO).close();
  }

  @Test
  void forceUnlockRefusesWhileTheLockIsHeld() {
    try (StateLock held = plaintext().lock("apply", Duration.ZERO)) {
      assertThatThrownBy(() -> plaintext().forceUnlock(held.info().id()))
          .isInstanceOf(PullplanException.class)
          .hasMessageContaining("locked by a live process");
    }
  }

  @Test
  void forceUnlockRemovesAStaleLockFileWithTheRightId() throws IOException {
    Path lockFile = dir.resolve("pullplan.state.json.lock");
    LockInfo stale = new LockInfo("stale-id", "apply", "ci@runner pid 1", java.time.Instant.EPOCH, "0.1.0");
    Files.write(lockFile, LockInfoJson.encode(stale));

    assertThatThrownBy(() -> plaintext().forceUnlock("other-id"))
        .hasMessageContaining("is not lock other-id")
        .hasMessageContaining("stale-id");
    assertThat(lockFile).exists();

    plaintext().forceUnlock("stale-id");
    assertThat(lockFile).doesNotExist();
  }

  @Test
  void forceUnlockWithoutALockFileSaysThereIsNothingToUnlock() {
    assertThatThrownBy(() -> plaintext().forceUnlock("any")).hasMessageContaining("nothing to unlock");
  }
}
