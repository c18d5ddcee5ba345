package dev.pullplan.diag;

import java.util.Optional;

/**
 * One problem, wherever it is found: in the user's input (where, what is wrong, what to write
 * instead), or with a resource while planning or applying (which resource, what happened, what to
 * do). Config, plan and apply all report in this one shape.
 *
 * @param position where in the config, when the problem is in the input ({@link Position#unknown} otherwise)
 * @param address the resource or block the problem is about ({@code access.partner.token}), when it is one
 */
public record Diagnostic(
    Severity severity, Position position, Optional<String> address, String message, Optional<String> hint) {

  private static final Position NOWHERE = Position.unknown("");

  public static Diagnostic error(Position at, String message, String hint) {
    return new Diagnostic(Severity.ERROR, at, Optional.empty(), message, Optional.ofNullable(hint));
  }

  public static Diagnostic warning(Position at, String message, String hint) {
    return new Diagnostic(Severity.WARNING, at, Optional.empty(), message, Optional.ofNullable(hint));
  }

  /** A resource (or a block of them) that cannot be planned or applied. */
  public static Diagnostic about(String address, String message, Optional<String> hint) {
    return new Diagnostic(Severity.ERROR, NOWHERE, Optional.of(address), message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** What the problem is about as people read it: the resource's address, else the place in the input. */
  public String subject() {
    return address.orElseGet(position::toString);
  }

  /** The same problem with its message and hint made safe to print (input quoted back briefly, escaped). */
  public Diagnostic withText(String message, Optional<String> hint) {
    return new Diagnostic(severity, position, address, message, hint);
  }

  /** The first line of the human form, without the hint. */
  public String headline() {
    return address.isPresent() ? subject() + ": " + message : position + ": " + severity.label() + ": " + message;
  }

  @Override
  public String toString() {
    if (address.isPresent()) {
      return headline() + hint.map(h -> " (" + h + ")").orElse("");
    }
    return hint.map(h -> headline() + System.lineSeparator() + "  " + h).orElse(headline());
  }
}
