package dev.pullplan.config.syntax;

/**
 * Where a heredoc's text ends (the start of its closing marker line, as an index into the text)
 * and the indentation its lines share, which {@code <<-} removes.
 */
record HeredocBody(int contentEnd, int commonIndent) {

  /** Looks ahead from the cursor (at the first text line) for the marker line; null when absent. */
  static HeredocBody find(Cursor in, String marker) {
    String rest = in.rest();
    int lineStart = 0;
    int indent = Integer.MAX_VALUE;
    while (lineStart <= rest.length()) {
      int lineEnd = rest.indexOf('\n', lineStart);
      String line = rest.substring(lineStart, lineEnd < 0 ? rest.length() : lineEnd);
      if (line.strip().equals(marker)) {
        return new HeredocBody(in.index() + lineStart, indent == Integer.MAX_VALUE ? 0 : indent);
      }
      if (!line.isBlank()) {
        indent = Math.min(indent, leadingWhitespace(line));
      }
      if (lineEnd < 0) {
        return null;
      }
      lineStart = lineEnd + 1;
    }
    return null;
  }

  private static int leadingWhitespace(String line) {
    int n = 0;
    while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
      n++;
    }
    return n;
  }
}
