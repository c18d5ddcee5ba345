package dev.pullplan;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What an I/O failure means, in the words of the operating system's error ("no such file or
 * directory"), never a Java class name such as {@code NoSuchFileException}: people read these.
 */
public final class IoFailure {
  private IoFailure() {}

  /** E.g. "no such file or directory", "permission denied", "interrupted while the file was in use". */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the directory is not empty";
    }
    if (e instanceof ClosedByInterruptException) {
      return "interrupted (Ctrl-C) while the file was in use";
    }
    if (e instanceof ClosedChannelException) {
      return "the file was closed while in use (the run was interrupted)";
    }
    if (e instanceof CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : e.getMessage();
  }

  /** "PATH: what happened", for a failure on a path the caller names. */
  public static String describe(Object path, IOException e) {
    return path + ": " + describe(e);
  }
}
