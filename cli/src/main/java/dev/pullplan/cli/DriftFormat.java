package dev.pullplan.cli;

import dev.pullplan.drift.DriftReport;
import dev.pullplan.render.JUnitDriftRenderer;
import dev.pullplan.render.JsonDriftRenderer;
import dev.pullplan.render.MarkdownDriftRenderer;
import dev.pullplan.render.Style;
import dev.pullplan.render.TextDriftRenderer;

/** The forms a drift report is written in. */
enum DriftFormat {
  TEXT, JSON, MARKDOWN, JUNIT;

  String render(DriftReport report, Style style) {
    return switch (this) {
      case TEXT -> new TextDriftRenderer(style).render(report);
      case JSON -> new JsonDriftRenderer().render(report);
      case MARKDOWN -> new MarkdownDriftRenderer().render(report);
      case JUNIT -> new JUnitDriftRenderer().render(report);
    };
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
