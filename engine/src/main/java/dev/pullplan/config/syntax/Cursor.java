package dev.pullplan.config.syntax;

import dev.pullplan.diag.Position;

/** A read position in source text that keeps 1-based line and column. */
final class Cursor {
  private final String file;
  private final String text;
  private int index;
  private int line;
  private int column;

  Cursor(String file, String text, int line, int column) {
    this.file = file;
    this.text = text;
    this.line = line;
    this.column = column;
  }

  boolean atEnd() {
    return index >= text.length();
  }

  char peek() {
    return peek(0);
  }

  char peek(int ahead) {
    int at = index + ahead;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  boolean startsWith(String s) {
    return text.startsWith(s, index);
  }

  char next() {
    char c = text.charAt(index++);
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  }

  void skip(int n) {
    for (int k = 0; k < n && !atEnd(); k++) {
      next();
    }
  }

  int index() {
    return index;
  }

  String slice(int from) {
    return text.substring(from, index);
  }

  /** Text from the cursor to the end, for look-ahead over whole lines. */
  String rest() {
    return text.substring(index);
  }

  Position position() {
    return new Position(file, line, column);
  }
}
