package dev.pullplan.cli;

import dev.pullplan.plan.Plan;
import dev.pullplan.render.JsonPlanRenderer;
import dev.pullplan.render.MarkdownPlanRenderer;
import dev.pullplan.render.Style;
import dev.pullplan.render.TextPlanRenderer;

/** How plan and show print a plan. */
enum PlanFormat {
  TEXT, JSON, MARKDOWN;

  String render(Plan plan, Style style) {
    return switch (this) {
      case TEXT -> new TextPlanRenderer(style).render(plan);
      case JSON -> new JsonPlanRenderer().render(plan);
      case MARKDOWN -> new MarkdownPlanRenderer().render(plan);
    };
  }
}
