package dev.pullplan;

/**
 * An error meant for the user: its message says what went wrong and what to do, and is printed
 * without a stack trace (unless --debug). It must never contain a secret value.
 */
public class PullplanException extends RuntimeException {

  public PullplanException(String message) {
    super(message);
  }

  public PullplanException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A user-facing message for any failure; an unexpected exception keeps its type for bug reports. */
  public static String messageOf(Throwable t) {
    if (t instanceof PullplanException) {
      return t.getMessage();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
