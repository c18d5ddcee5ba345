package dev.pullplan.config.syntax;

import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a quoted string or heredoc into literal parts and {@code ${...}}
 * interpolations. Interpolations are kept as source text with their position; the parser parses
 * them as expressions.
 */
final class TemplateScan {
  private final Cursor in;
  private final Diagnostics diagnostics;
  private final boolean quoted;
  private final int indent;
  private final List<TemplatePart> parts = new ArrayList<>();
  private final StringBuilder literal = new StringBuilder();
  private boolean failed;

  TemplateScan(Cursor in, Diagnostics diagnostics, boolean quoted, int indent) {
    this.in = in;
    this.diagnostics = diagnostics;
    this.quoted = quoted;
    this.indent = indent;
  }

  boolean failed() {
    return failed;
  }

  /** Scans up to (not over) the closing quote, or to the end of the line when there is none. */
  List<TemplatePart> scanUntilQuote() {
    while (!in.atEnd() && in.peek() != '"' && in.peek() != '\n' && !failed) {
      step();
    }
    if (failed) {
      while (!in.atEnd() && in.peek() != '\n') {
        in.next();
      }
    }
    return finish();
  }

  /** Scans a heredoc's lines up to {@code end}, the start of its marker line. */
  List<TemplatePart> scanHeredoc(int end) {
    boolean lineStart = true;
    while (in.index() < end && !failed) {
      if (lineStart) {
        for (int k = 0; k < indent && (in.peek() == ' ' || in.peek() == '\t'); k++) {
          in.next();
        }
        lineStart = false;
        continue;
      }
      if (in.peek() == '\n') {
        literal.append(in.next());
        lineStart = true;
      } else {
        step();
      }
    }
    while (in.index() < end) {
      in.next();
    }
    return finish();
  }

  private List<TemplatePart> finish() {
    flush();
    return List.copyOf(parts);
  }

  private void flush() {
    if (literal.length() > 0) {
      parts.add(new TemplatePart.Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  private void step() {
    Position at = in.position();
    if (in.startsWith("$${") || in.startsWith("%%{")) {
      // "$${" and "%%{" escape a literal "${" / "%{"
      in.next();
      literal.append(in.next()).append(in.next());
    } else if (in.startsWith("${")) {
      interpolation(at);
    } else if (in.startsWith("%{")) {
      fail(at, "template directives (`%{...}`) are not supported",
          "build the text from literal parts and `${...}` references");
    } else if (quoted && in.peek() == '\\') {
      escape(at);
    } else {
      literal.append(in.next());
    }
  }

  private void escape(Position at) {
    in.next();
    char c = in.atEnd() ? '\0' : in.next();
    switch (c) {
      case 'n' -> literal.append('\n');
      case 't' -> literal.append('\t');
      case 'r' -> literal.append('\r');
      case '"' -> literal.append('"');
      case '\\' -> literal.append('\\');
      case 'u' -> unicode(at, 4);
      case 'U' -> unicode(at, 8);
      default -> fail(at, "invalid escape `\\" + c + "` in string",
          "valid escapes are \\n \\t \\r \\\" \\\\ \\uNNNN; write \\\\ for a backslash");
    }
  }

  private void unicode(Position at, int digits) {
    StringBuilder hex = new StringBuilder();
    for (int k = 0; k < digits && isHex(in.peek()); k++) {
      hex.append(in.next());
    }
    if (hex.length() != digits) {
      fail(at, "invalid unicode escape in string", "write \\u followed by 4 hex digits");
      return;
    }
    literal.appendCodePoint(Integer.parseInt(hex.toString(), 16));
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private void interpolation(Position at) {
    flush();
    in.skip(2);
    Position start = in.position();
    int from = in.index();
    int depth = 0;
    while (!in.atEnd()) {
      char c = in.peek();
      if (c == '\n' && quoted) {
        break;
      } else if (c == '"') {
        skipNestedString();
      } else if (c == '{') {
        depth++;
        in.next();
      } else if (c == '}') {
        if (depth == 0) {
          parts.add(new TemplatePart.Interpolation(in.slice(from), start));
          in.next();
          return;
        }
        depth--;
        in.next();
      } else {
        in.next();
      }
    }
    fail(at, "unclosed `${` in string: no matching `}`", "close the reference with `}`, as in \"${var.name}\"");
  }

  private void skipNestedString() {
    in.next();
    while (!in.atEnd() && in.peek() != '"' && in.peek() != '\n') {
      if (in.peek() == '\\') {
        in.next();
      }
      if (!in.atEnd()) {
        in.next();
      }
    }
    if (in.peek() == '"') {
      in.next();
    }
  }

  private void fail(Position at, String message, String hint) {
    diagnostics.error(at, message, hint);
    failed = true;
  }
}
