package dev.pullplan.render;

import dev.pullplan.drift.DriftItem;
import dev.pullplan.drift.DriftKind;
import dev.pullplan.drift.DriftReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A drift report as Markdown for an issue or a chat message: the summary, a count per kind, then
 * each block with findings in a {@code <details>} (what differs, what apply would do, the diff).
 * Resources in sync are only counted. Truncated like a plan comment.
 */
public final class MarkdownDriftRenderer {
  public static final String MARKER = "<!-- pullplan drift -->";

  public String render(DriftReport report) {
    CommentBudget md = new CommentBudget();
    md.offer(MARKER + "\n### pullplan drift\n\n");
    md.offer("**" + report.summaryLine() + "**\n\n");
    md.offer(countTable(report));
    md.offer(Markdown.problems(report.problems(), "could not be checked"));
    md.offer(Markdown.warnings(report.warnings()));
    Map<String, List<DriftItem>> byBlock = report.resources().stream()
        .collect(Collectors.groupingBy(r -> r.address().block(), LinkedHashMap::new, Collectors.toList()));
    int shown = 0;
    for (Map.Entry<String, List<DriftItem>> group : byBlock.entrySet()) {
      shown += block(group.getKey(), group.getValue(), md);
    }
    int total = report.findings().size();
    return md.finish("this report is longer than " + CommentBudget.LIMIT + " characters; " + (total - shown) + " of "
        + total + " findings are not shown. `pullplan drift --format json` has all of them.");
  }

  private static String countTable(DriftReport report) {
    if (!report.hasFindings()) {
      return "";
    }
    StringBuilder out = new StringBuilder("| finding | resources |\n|---|---:|\n");
    for (DriftKind kind : DriftKind.values()) {
      long n = report.count(kind);
      if (kind.isFinding() && n > 0) {
        out.append("| ").append(Markdown.text(kind.phrase())).append(" | ").append(n).append(" |\n");
      }
    }
    return out.append('\n').toString();
  }

  /** A block's findings in a {@code <details>}; returns how many fitted. */
  private static int block(String block, List<DriftItem> items, CommentBudget md) {
    List<DriftItem> findings = items.stream().filter(DriftItem::isFinding).toList();
    if (findings.isEmpty()) {
      return 0;
    }
    long inSync = items.size() - findings.size();
    String summary = Markdown.code(block) + ": " + findings.size() + (findings.size() == 1 ? " finding" : " findings")
        + (inSync > 0 ? ", " + inSync + " in sync" : "");
    if (!md.offer(Markdown.detailsOpen(summary))) {
      return 0;
    }
    int shown = 0;
    for (DriftItem item : findings) {
      if (!md.offer(item(item))) {
        break;
      }
      shown++;
    }
    md.close(Markdown.DETAILS_CLOSE);
    return shown;
  }

  private static String item(DriftItem item) {
    StringBuilder out = new StringBuilder();
    out.append("**").append(Markdown.code(item.address().toString())).append("**: ")
        .append(Markdown.text(item.kind().phrase())).append("\n\n");
    out.append(Markdown.bullets(item.differences()));
    item.expiresAt().ifPresent(e -> out.append("- expires at ").append(e).append('\n'));
    out.append("- apply would: ").append(Markdown.text(item.applyWould())).append("\n\n");
    out.append(Markdown.diff(item.action(), item.attributes()));
    return out.append('\n').toString();
  }
}
