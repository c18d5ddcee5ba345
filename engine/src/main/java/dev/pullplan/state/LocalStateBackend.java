package dev.pullplan.state;

import dev.pullplan.PullplanException;
import dev.pullplan.state.crypto.Keyring;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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
  private final Path journalFile;

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
    this.journalFile = sibling(file, ".journal");
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
    Optional<State> state = readBytes(file).map(bytes -> codec.decode(bytes, describe()))
        .map(s -> readBytes(journalFile).map(j -> codec.replay(s, j, journalFile.toString())).orElse(s));
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
      // the whole state now holds what a journal recorded on top of the previous one
      Files.deleteIfExists(journalFile);
    } catch (IOException e) {
      throw new PullplanException("cannot write the state " + file + ": " + e, e);
    }
  }

  /**
   * {@code <file>.journal}: one JSON line per finished change, appended and flushed to disk, owner
   * only, its secret values sealed as the state's are; read and replayed by {@link #read}.
   */
  @Override
  public Optional<StateJournal> journal() {
    return Optional.of(new LocalJournal());
  }

  private final class LocalJournal implements StateJournal {
    private volatile FileChannel channel;
    /** Whether this journal's first plaintext secret was warned of: once, not once a line. */
    private boolean warned;
    /** Lines appended, over every journal this one began: the positions {@link #sync} takes. */
    private final java.util.concurrent.atomic.AtomicLong appended = new java.util.concurrent.atomic.AtomicLong();
    /** Lines known to be on disk; only under {@link #syncs}. */
    private long durable;
    private final Object syncs = new Object();

    @Override
    public void begin(State base) {
      discard();
      try {
        channel = FileChannel.open(journalFile, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            ownerOnly());
        write(codec.journalHeader(base));
        channel.force(false);
      } catch (IOException e) {
        throw new PullplanException("cannot write the state journal " + journalFile + ": " + e, e);
      }
    }

    @Override
    public long append(JournalEntry entry, long serial) {
      if (!warned && entry instanceof JournalEntry.Recorded r && !codec.encrypts() && r.state().isPresent()
          && !r.state().get().sensitive().isEmpty()) {
        warned = true;
        codec.plaintextWarning(State.empty("journal").with(r.address(), r.state()), "journal " + journalFile)
            .ifPresent(warnings);
      }
      try {
        write(codec.journalLine(entry, serial));
      } catch (IOException e) {
        throw new PullplanException("cannot write the state journal " + journalFile + ": " + e, e);
      }
      return appended.incrementAndGet();
    }

    @Override
    public void sync(long position) {
      synchronized (syncs) {
        if (durable >= position) {
          return; // a flush that began after this line was written covered it
        }
        long covered = appended.get();
        FileChannel open = channel;
        try {
          if (open != null) {
            open.force(false);
          }
        } catch (java.nio.channels.ClosedChannelException discarded) {
          // the whole state, written before the journal was discarded, holds the line
        } catch (IOException e) {
          throw new PullplanException("cannot write the state journal " + journalFile + ": " + e, e);
        }
        durable = covered;
      }
    }

    private void write(byte[] line) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public void discard() {
      try {
        if (channel != null) {
          channel.close();
          channel = null;
        }
        Files.deleteIfExists(journalFile);
      } catch (IOException e) {
        throw new PullplanException("cannot remove the state journal " + journalFile + ": " + e, e);
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
    return new FileAttribute<?>[0];
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
