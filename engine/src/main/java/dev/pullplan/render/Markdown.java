package dev.pullplan.render;

import dev.pullplan.plan.Action;
import dev.pullplan.plan.AttributeChange;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.plan.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pieces both Markdown renderers are made of. Text that comes from the clusters (a tampered
 * value, an object's name) is escaped, so it can neither inject HTML nor break the layout.
 */
final class Markdown {
  static final String DETAILS_CLOSE = "</details>\n\n";
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private Markdown() {}

  /** Plain text in a Markdown paragraph or list item. */
  static String text(String s) {
    StringBuilder out = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '`', '*', '[', ']', '|' -> out.append('\\').append(ch);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** Text inside HTML ({@code <summary>}), where Markdown is not interpreted. */
  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** An address or name in code font, safe whatever it contains. */
  static String code(String s) {
    return "<code>" + html(s) + "</code>";
  }

  static String detailsOpen(String summaryHtml) {
    return "<details><summary>" + summaryHtml + "</summary>\n\n";
  }

  static String bullets(List<String> lines) {
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append("- ").append(text(l)).append('\n'));
    return out.toString();
  }

  /** {@code 2 to add, 1 to change}: the non-zero counts only. */
  static String counts(Summary s) {
    List<String> parts = new ArrayList<>();
    if (s.add() > 0) {
      parts.add(s.add() + " to add");
    }
    if (s.change() > 0) {
      parts.add(s.change() + " to change");
    }
    if (s.destroy() > 0) {
      parts.add(s.destroy() + " to destroy");
    }
    if (s.rotate() > 0) {
      parts.add(s.rotate() + " to rotate");
    }
    return parts.isEmpty() ? "no changes" : String.join(", ", parts);
  }

  static String problems(List<Diagnostic> problems, String what) {
    if (problems.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("**Errors:** " + problems.size() + " resource"
        + (problems.size() == 1 ? "" : "s") + " " + what + "\n\n");
    for (Diagnostic p : problems) {
      out.append("- ").append(code(p.subject())).append(": ").append(text(p.message()));
      p.hint().ifPresent(h -> out.append(" (").append(text(h)).append(')'));
      out.append('\n');
    }
    return out.append('\n').toString();
  }

  static String warnings(List<String> warnings) {
    if (warnings.isEmpty()) {
      return "";
    }
    return "**Warnings:**\n\n" + bullets(warnings) + "\n";
  }

  /**
   * The attribute changes as a {@code diff} fenced block (GitHub and Azure DevOps colour it):
   * {@code -} the value now, {@code +} the value after apply, {@code !} a rotated secret.
   */
  static String diff(Action action, List<AttributeChange> attributes) {
    if (attributes.isEmpty()) {
      return "";
    }
    int width = attributes.stream().mapToInt(a -> a.name().length()).max().orElse(0);
    StringBuilder body = new StringBuilder();
    for (AttributeChange a : attributes) {
      String name = String.format("%-" + width + "s", a.name());
      String before = a.before().map(Values::show).orElse("null");
      String after = a.after().map(Values::show).orElse("null");
      switch (action) {
        case CREATE -> body.append("+ ").append(name).append(" = ").append(after).append('\n');
        case DELETE -> body.append("- ").append(name).append(" = ").append(before).append('\n');
        case ROTATE -> body.append("! ").append(name).append(" = ").append(after).append("  # new credential\n");
        default -> {
          if (a.before().isPresent()) {
            body.append("- ").append(name).append(" = ").append(before).append('\n');
          }
          body.append("+ ").append(name).append(" = ").append(after)
              .append(a.forcesReplacement() ? "  # forces replacement" : "").append('\n');
        }
      }
    }
    String fence = fenceFor(body.toString());
    return fence + "diff\n" + body + fence + "\n";
  }

  /** A fence longer than any run of backticks in the content, so a value cannot end the block. */
  private static String fenceFor(String content) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(content);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}
