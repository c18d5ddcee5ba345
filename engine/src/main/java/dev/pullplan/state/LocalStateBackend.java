package dev.pullplan.state;

import dev.pullplan.PullplanException;
import dev.pullplan.state.crypto.Keyring;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * State in a local file ({@code pullplan.state.json}): written atomically with the previous version
 * kept as {@code <file>.backup}, locked through {@code <file>.lock}.
 */
public final class LocalStateBackend implements StateBackend {
  private final Path file;
  private final Path backup;
  private final StateCodec codec;
  private final Consumer<String> warnings;
  private final LockFile lockFile;

  /**
   * @param keyring seals sensitive values; without one they are written in plaintext
   * @param warnings receives the warning each plaintext write of secrets gives
   */
  public LocalStateBackend(Path file, Optional<Keyring> keyring, Consumer<String> warnings) {
    this.file = file;
    this.backup = sibling(file, ".backup");
    this.codec = new StateCodec(keyring);
    this.warnings = warnings;
    this.lockFile = new LockFile(sibling(file, ".lock"), describe());
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public Optional<State> read() {
    Optional<State> state = readBytes(file).map(bytes -> codec.decode(bytes, describe()));
    state.flatMap(s -> StateCodec.newerVersionWarning(s, "file " + file)).ifPresent(warnings);
    return state;
  }

  @Override
  public void write(State state) {
    byte[] next = codec.encode(state);
    codec.plaintextWarning(state, "file " + file).ifPresent(warnings);
    try {
      removeLeftTempFiles();
      Optional<byte[]> previous = readBytes(file);
      if (previous.isPresent()) {
        AtomicFile.replace(backup, previous.get());
      }
      AtomicFile.replace(file, next);
    } catch (IOException e) {
      throw new PullplanException("cannot write the state " + file + ": " + e, e);
    }
  }

  @Override
  public boolean encryptsSecrets() {
    return codec.encrypts();
  }

  @Override
  public StateLock lock(String operation, Duration timeout) {
    return lockFile.acquire(operation, timeout);
  }

  @Override
  public void forceUnlock(String id) {
    lockFile.forceUnlock(id);
  }

  /**
   * Deletes the temp files a write killed before its rename left beside the state or its backup:
   * each holds a whole state, secrets too. Only a writer does this, under the lock, so no write
   * in progress can own them; a reader ({@code show}, {@code drift}) takes no lock and leaves them.
   */
  private void removeLeftTempFiles() throws IOException {
    for (Path target : List.of(file, backup)) {
      Path dir = target.toAbsolutePath().getParent();
      try (DirectoryStream<Path> left = Files.newDirectoryStream(dir, AtomicFile.tempGlob(target))) {
        for (Path temp : left) {
          Files.deleteIfExists(temp);
        }
      }
    }
  }

  private static Optional<byte[]> readBytes(Path path) {
    try {
      return Optional.of(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new PullplanException("cannot read the state " + path + ": " + e, e);
    }
  }
}
