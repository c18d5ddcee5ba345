package dev.pullplan.config.syntax;

import dev.pullplan.diag.Position;
import java.util.List;

/**
 * One token with where it starts. Templates carry their parts; {@code unterminated} marks a
 * quoted string that ran into the end of its line, so error recovery knows whether it swallowed
 * the {@code {} of a block header; {@code reported} says the lexer already reported a problem
 * inside it.
 */
record Token(
    TokenKind kind, String text, Position position, List<TemplatePart> parts, boolean unterminated, boolean reported) {

  static Token of(TokenKind kind, String text, Position position) {
    return new Token(kind, text, position, List.of(), false, false);
  }

  boolean is(TokenKind k) {
    return kind == k;
  }

  /** How the token is quoted in a message. */
  String shown() {
    return switch (kind) {
      case NEWLINE -> "end of line";
      case EOF -> "end of file";
      case TEMPLATE -> "a string";
      default -> "`" + Quoted.brief(text) + "`";
    };
  }
}
