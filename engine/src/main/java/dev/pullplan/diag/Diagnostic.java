package dev.pullplan.diag;

import java.util.Optional;

/**
 * One problem found in the user's input: where, what is wrong, and what to write instead.
 * Rendered as {@code file:line:column: error: message} followed by the hint.
 */
public record Diagnostic(Severity severity, Position position, String message, Optional<String> hint) {

  public static Diagnostic error(Position at, String message, String hint) {
    return new Diagnostic(Severity.ERROR, at, message, Optional.ofNullable(hint));
  }

  public static Diagnostic warning(Position at, String message, String hint) {
    return new Diagnostic(Severity.WARNING, at, message, Optional.ofNullable(hint));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The first line of the human form, without the hint. */
  public String headline() {
    return position + ": " + severity.label() + ": " + message;
  }

  @Override
  public String toString() {
    return hint.map(h -> headline() + System.lineSeparator() + "  " + h).orElse(headline());
  }
}
