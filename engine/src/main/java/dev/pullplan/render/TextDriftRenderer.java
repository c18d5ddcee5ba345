package dev.pullplan.render;

import dev.pullplan.drift.DriftItem;
import dev.pullplan.drift.DriftReport;

/** A drift report for a terminal or a job log. */
public final class TextDriftRenderer {
  private final Style style;

  public TextDriftRenderer(Style style) {
    this.style = style;
  }

  public String render(DriftReport report) {
    StringBuilder out = new StringBuilder();
    for (DriftItem item : report.findings()) {
      out.append("  ").append(style.yellow("!")).append(' ').append(style.bold(item.address().toString()))
          .append(": ").append(item.kind().phrase()).append('\n');
      item.differences().forEach(d -> out.append("      ").append(d).append('\n'));
      out.append("      ").append(style.dim("apply would: " + item.applyWould())).append("\n\n");
    }
    for (String w : report.warnings()) {
      out.append(style.yellow("Warning: ")).append(w).append("\n\n");
    }
    for (String group : ProblemGroups.render(report.problems(), style)) {
      out.append(group).append('\n');
    }
    String summary = report.summaryLine();
    out.append(report.hasFindings() ? style.bold(summary) : style.green(summary)).append('\n');
    return out.toString();
  }
}
