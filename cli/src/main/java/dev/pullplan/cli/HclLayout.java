package dev.pullplan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical layout of a pullplan config file, as {@code terraform fmt} gives HCL: two spaces
 * per nesting level, the {@code =} of consecutive attribute lines aligned, no trailing spaces, at
 * most one blank line in a row, one newline at the end. Works on lines, so comments are kept
 * where they are; heredoc bodies and the inside of block comments are left exactly as written.
 * The result is stable: laying out a laid-out file changes nothing. Only syntactically valid
 * files are given to it (the caller parses them first).
 */
final class HclLayout {
  /** {@code name = value} or {@code "key" = value}: a line the alignment applies to. */
  private static final Pattern ATTRIBUTE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*|\"(?:[^\"\\\\]|\\\\.)*\")\\s*=(?![=>])\\s*(.*)$");
  private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)\\s*$");

  private HclLayout() {}

  /** One line after indenting: {@code attribute} lines are aligned with their neighbours. */
  private record Line(int depth, String text, Matcher attribute, boolean verbatim, boolean continues) {
    boolean isAttribute() {
      return attribute != null;
    }
  }

  static String format(String source) {
    List<Line> lines = new ArrayList<>();
    int depth = 0;
    boolean inBlockComment = false;
    String heredocEnd = null;
    for (String raw : source.replace("\r\n", "\n").split("\n", -1)) {
      if (heredocEnd != null) {
        lines.add(new Line(0, raw, null, true, false));
        if (raw.strip().equals(heredocEnd)) {
          heredocEnd = null;
        }
        continue;
      }
      if (inBlockComment) {
        lines.add(new Line(0, raw.stripTrailing(), null, true, false));
        inBlockComment = !raw.contains("*/");
        continue;
      }
      String text = raw.strip();
      Scan scan = Scan.of(text);
      int indent = Math.max(0, depth - scan.leadingClosers);
      Matcher m = ATTRIBUTE.matcher(text);
      boolean single = scan.balance == 0;
      lines.add(new Line(indent, text, m.matches() ? m : null, false, !single));
      depth = Math.max(0, depth + scan.balance);
      inBlockComment = scan.opensBlockComment;
      Matcher h = HEREDOC.matcher(scan.code);
      if (h.find()) {
        heredocEnd = h.group(1);
      }
    }
    return render(lines);
  }

  private static String render(List<Line> lines) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    boolean lastBlank = true;
    while (i < lines.size()) {
      Line line = lines.get(i);
      if (line.verbatim()) {
        out.append(line.text()).append('\n');
        lastBlank = false;
        i++;
        continue;
      }
      if (line.text().isEmpty()) {
        if (!lastBlank) {
          out.append('\n');
        }
        lastBlank = true;
        i++;
        continue;
      }
      lastBlank = false;
      if (!line.isAttribute()) {
        out.append("  ".repeat(line.depth())).append(line.text()).append('\n');
        i++;
        continue;
      }
      // a run of attribute lines at one depth, ending after one whose value goes on to the next lines
      int end = i;
      while (end < lines.size() && lines.get(end).isAttribute() && lines.get(end).depth() == line.depth()) {
        end++;
        if (lines.get(end - 1).continues()) {
          break;
        }
      }
      int width = 0;
      for (int j = i; j < end; j++) {
        width = Math.max(width, lines.get(j).attribute().group(1).length());
      }
      for (int j = i; j < end; j++) {
        Matcher m = lines.get(j).attribute();
        String name = m.group(1);
        out.append("  ".repeat(line.depth())).append(name).append(" ".repeat(width - name.length())).append(" = ")
            .append(m.group(2)).append('\n');
      }
      i = end;
    }
    String text = out.toString().replaceAll("\n+$", "\n");
    return text.isBlank() ? "" : text;
  }

  /** What a line does to the nesting: brackets outside strings and comments. */
  private record Scan(int balance, int leadingClosers, boolean opensBlockComment, String code) {
    static Scan of(String text) {
      int balance = 0;
      int leading = 0;
      boolean seenOther = false;
      boolean blockComment = false;
      StringBuilder code = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (blockComment) {
          if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
            blockComment = false;
            i++;
          }
          continue;
        }
        if (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
          break;
        }
        if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
          blockComment = true;
          i++;
          continue;
        }
        if (c == '"') {
          int close = closingQuote(text, i);
          code.append(text, i, close + 1);
          i = close;
          seenOther = true;
          continue;
        }
        code.append(c);
        if (c == '{' || c == '[' || c == '(') {
          balance++;
          seenOther = true;
        } else if (c == '}' || c == ']' || c == ')') {
          balance--;
          if (!seenOther) {
            leading++;
          }
        } else if (!Character.isWhitespace(c) && c != ',') {
          seenOther = true;
        }
      }
      return new Scan(balance, leading, blockComment, code.toString());
    }

    /** The index of the quote closing the string that starts at {@code open}; interpolations may hold quotes. */
    private static int closingQuote(String text, int open) {
      int nesting = 0;
      for (int i = open + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
          nesting++;
          i++;
        } else if (c == '}' && nesting > 0) {
          nesting--;
        } else if (c == '"' && nesting == 0) {
          return i;
        }
      }
      return text.length() - 1;
    }
  }
}
