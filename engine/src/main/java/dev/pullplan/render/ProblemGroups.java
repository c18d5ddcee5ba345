package dev.pullplan.render;

import dev.pullplan.diag.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cause, one error: problems with the same message and hint (a wrong subscription fails
 * every Azure read alike) are shown once, with the affected addresses listed under it.
 */
final class ProblemGroups {
  private record Cause(String message, Optional<String> hint) {}

  private ProblemGroups() {}

  /** The text of every group, each ending with a newline. */
  static List<String> render(List<Diagnostic> problems, Style style) {
    Map<Cause, List<String>> groups = new LinkedHashMap<>();
    for (Diagnostic p : problems) {
      groups.computeIfAbsent(new Cause(p.message(), p.hint()), c -> new ArrayList<>()).add(p.subject());
    }
    List<String> out = new ArrayList<>();
    groups.forEach((cause, addresses) -> {
      StringBuilder text = new StringBuilder(style.red("Error: "));
      if (addresses.size() == 1) {
        text.append(addresses.get(0)).append(": ").append(cause.message()).append('\n');
      } else {
        text.append(cause.message()).append('\n').append("  for ").append(addresses.size()).append(" resources:\n");
        addresses.forEach(a -> text.append("    ").append(a).append('\n'));
      }
      cause.hint().ifPresent(h -> text.append("  ").append(h).append('\n'));
      out.add(text.toString());
    });
    return out;
  }
}
