package dev.pullplan.state;

import dev.pullplan.PullplanException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on a lock file whose content names the holder. The file is deleted when
 * the lock is released.
 *
 * <p>POSIX locks belong to the process, and closing any descriptor of the file drops all of them:
 * so within this JVM a second locker must never open the file while the lock is held. A
 * JVM-wide table of held lock files answers "locked" to such a locker without opening anything.
 */
final class LockFile {
  private static final Map<Path, LockInfo> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path path;
  private final Path key;
  private final String where;

  /** @param where the state the lock guards, for messages */
  LockFile(Path path, String where) {
    this.path = path;
    this.key = path.toAbsolutePath().normalize();
    this.where = where;
  }

  StateLock acquire(String operation, Duration timeout) {
    LockInfo mine = LockInfo.forThisProcess(operation);
    LockWait wait = LockWait.until(where, timeout, POLL);
    while (true) {
      Optional<LockInfo> holder;
      try {
        Optional<StateLock> lock = tryAcquire(mine);
        if (lock.isPresent()) {
          return lock.get();
        }
        holder = Optional.ofNullable(HELD_IN_THIS_JVM.get(key)).or(this::holderFromFile);
      } catch (IOException e) {
        throw new PullplanException("cannot lock the state " + where + " through " + path + ": "
            + dev.pullplan.IoFailure.describe(e), e);
      }
      wait.pauseOrGiveUp(holder.orElseGet(this::unknownHolder));
    }
  }

  private Optional<StateLock> tryAcquire(LockInfo mine) throws IOException {
    // a backend path in a directory not made yet (path = "state/x.state.json"): made, as Terraform's local backend does
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      java.nio.file.Files.createDirectories(parent);
    }
    if (HELD_IN_THIS_JVM.putIfAbsent(key, mine) != null) {
      return Optional.empty();
    }
    boolean acquired = false;
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      Optional<Object> opened = fileKey();
      FileLock lock = tryLock(channel);
      // a holder deletes the file before releasing: a locker that opened it just before then has
      // locked a file nobody else will see, and must start over on the file now at the path
      if (lock == null || opened.isEmpty() || !opened.equals(fileKey())) {
        return Optional.empty();
      }
      channel.truncate(0);
      writeFully(channel, LockInfoJson.encode(mine));
      channel.force(true);
      acquired = true;
      return Optional.of(new Held(mine, channel, lock));
    } finally {
      if (!acquired) {
        channel.close();
        HELD_IN_THIS_JVM.remove(key, mine);
      }
    }
  }

  /**
   * Deletes a lock file left behind by a run that died, when {@code id} is its holder's.
   *
   * @throws PullplanException when a live process holds it, or the id is not the holder's
   */
  void forceUnlock(String id) {
    LockInfo unlocker = new LockInfo("force-unlock-" + id, "force-unlock", LockInfo.THIS_PROCESS, Instant.now(), Version.current());
    LockInfo inThisJvm = HELD_IN_THIS_JVM.putIfAbsent(key, unlocker);
    if (inThisJvm != null) {
      throw stillHeld(inThisJvm);
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw stillHeld(holderFromFile().orElseGet(this::unknownHolder));
      }
      Optional<LockInfo> left = LockInfoJson.decode(readFully(channel));
      if (left.isEmpty() || !left.get().id().equals(id)) {
        throw new PullplanException("the lock file " + path + " is not lock " + id
            + left.map(l -> ": it is " + l.describe()).orElse(": it holds no lock information")
            + ". Nothing was removed; check the ID, or delete the file by hand if no pullplan run is active.");
      }
      Files.delete(path);
    } catch (NoSuchFileException e) {
      throw new PullplanException("the state " + where + " is not locked: there is no " + path + ", nothing to unlock");
    } catch (IOException e) {
      throw new PullplanException("cannot force-unlock the state " + where + " (" + path + "): " + e, e);
    } finally {
      HELD_IN_THIS_JVM.remove(key, unlocker);
    }
  }

  private PullplanException stillHeld(LockInfo holder) {
    return new PullplanException("the state " + where + " is locked by a live process: " + holder.describe()
        + ". force-unlock only removes a lock left behind by a run that died; removing a held lock would let"
        + " two runs write at once. Wait for that run to finish.");
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      // only reachable when something outside LockFile locked the same file in this JVM
      return null;
    }
  }

  /** The identity of the file at the path (inode on POSIX); empty when there is none. */
  private Optional<Object> fileKey() throws IOException {
    try {
      Object fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      // platforms without file keys (Windows) do not let a file that is open be deleted either
      return Optional.of(Objects.requireNonNullElse(fileKey, path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private Optional<LockInfo> holderFromFile() {
    try {
      return LockInfoJson.decode(Files.readAllBytes(path));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** For a holder caught between creating the file and writing its name into it. */
  private LockInfo unknownHolder() {
    return new LockInfo("(unknown)", "(unknown)", "another process (" + path + " names no holder)", Instant.now(), "");
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = 0;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  /** Reads through the locked channel: opening the file again and closing it would drop the lock. */
  private static byte[] readFully(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 20));
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // keep reading until the buffer is full or the file ends
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }


  /** The lock this process holds; closing deletes the file, then releases the OS lock. */
  private final class Held implements StateLock {
    private final LockInfo info;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    Held(LockInfo info, FileChannel channel, FileLock lock) {
      this.info = info;
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public LockInfo info() {
      return info;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try (channel) {
        // deleted while still locked, so no other locker can be holding the file being removed
        try {
          Files.deleteIfExists(path);
        } finally {
          lock.release();
        }
      } catch (IOException e) {
        throw new PullplanException("cannot release the lock on the state " + where + " (" + path + "): " + e, e);
      } finally {
        HELD_IN_THIS_JVM.remove(key, info);
      }
    }
  }
}
