package dev.pullplan.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Replaces a file's content all at once: readers see the old bytes or the new, never a mix. */
public final class AtomicFile {
  private static final String TEMP_SUFFIX = ".tmp";

  private AtomicFile() {}

  private static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }

  /**
   * A glob for the temp files {@link #replace} makes for {@code target}: {@code .NAME.DIGITS.tmp}.
   * One a crash left behind matches it; so would one being written right now, so only a caller
   * that holds the target's lock may delete what matches.
   */
  public static String tempGlob(Path target) {
    return tempPrefix(target).replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")
        .replace("[", "\\[").replace("{", "\\{") + "[0-9]*" + TEMP_SUFFIX;
  }

  /**
   * Writes a temp file beside {@code target}, flushes it to disk, renames it over {@code target}
   * and flushes the directory, so a crash at any point leaves the old or the new file. The temp
   * file is created owner-only (POSIX), which the rename keeps: state holds secrets.
   */
  public static void replace(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, tempPrefix(target), TEMP_SUFFIX);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes the rename itself durable; not every platform lets a directory be opened (Windows). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // the file content is already durable; only the rename may be lost on power failure here
    }
  }
}
