package dev.pullplan.config.syntax;

/**
 * How input text appears in a message: briefly, and with control characters escaped, so a
 * 100 000-character identifier or a terminal escape sequence in a file cannot flood or drive the
 * terminal that shows the diagnostic.
 */
public final class Quoted {
  /** Longest piece of input a message quotes whole. */
  static final int BRIEF = 60;
  /** Longest run without a space that a finished message keeps whole. */
  private static final int LONGEST_WORD = 80;
  /** Longest finished message or hint. */
  static final int LONGEST_MESSAGE = 400;

  private Quoted() {}

  /** A piece of input as a message quotes it: escaped, and cut short past {@value #BRIEF} characters. */
  public static String brief(String input) {
    String escaped = escape(input);
    if (escaped.length() <= BRIEF) {
      return escaped;
    }
    return cut(escaped, BRIEF - 20) + "…(" + input.length() + " characters)";
  }

  /**
   * A whole message or hint made safe to print, whatever input it quotes: control characters
   * escaped, over-long words cut, the whole bounded.
   */
  public static String safe(String message) {
    String escaped = escape(message);
    StringBuilder out = new StringBuilder();
    int word = 0;
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      word = c == ' ' ? 0 : word + 1;
      if (word == LONGEST_WORD && i + 1 < escaped.length() && escaped.charAt(i + 1) != ' ') {
        int end = escaped.indexOf(' ', i);
        out.append(c).append('…');
        i = (end < 0 ? escaped.length() : end) - 1;
        continue;
      }
      out.append(c);
    }
    String shortened = out.toString();
    return shortened.length() <= LONGEST_MESSAGE ? shortened : cut(shortened, LONGEST_MESSAGE - 1) + "…";
  }

  /** Escapes control and format characters (newlines, ESC, bidi overrides) as {@code \n} or {@code \u001b}. */
  static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement = escapeOf(c);
      if (replacement != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        out.append(replacement != null ? replacement : String.valueOf(c));
      }
    }
    return out == null ? s : out.toString();
  }

  private static String escapeOf(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      case '\r':
        return "\\r";
      default:
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.FORMAT || c == '\u2028' || c == '\u2029') {
          return String.format("\\u%04x", (int) c);
        }
        return null;
    }
  }

  /** The first {@code n} characters, not splitting a surrogate pair. */
  private static String cut(String s, int n) {
    int end = Math.min(n, s.length());
    if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
