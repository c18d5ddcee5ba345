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
}
