package dev.pullplan.render;

import dev.pullplan.plan.Action;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.plan.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plan as Markdown for a pull-request comment ({@code plan --format markdown}, {@code show
 * PLANFILE --format markdown}): the summary line, errors and warnings first (they are never cut),
 * then the changes grouped by block, each block in a collapsible {@code <details>} with its
 * attribute diffs. Secret values show only as "(sensitive)". Longer than
 * {@value CommentBudget#LIMIT} characters, it is truncated with a note.
 */
public final class MarkdownPlanRenderer {
  /** The first line: lets a pipeline find and update its earlier comment instead of adding one. */
  public static final String MARKER = "<!-- pullplan plan -->";
  public static final int MAX_CHARS = CommentBudget.LIMIT;

  public String render(Plan plan) {
    CommentBudget md = new CommentBudget();
    md.offer(MARKER + "\n### pullplan " + title(plan.mode()) + "\n\n");
    md.offer("**" + headline(plan) + "**\n\n");
    md.offer(Markdown.problems(plan.problems(), "could not be planned"));
    md.offer(Markdown.warnings(plan.warnings()));
    drift(plan, md);
    if (!plan.moves().isEmpty()) {
      md.offer("Moved (state re-addressed, objects kept): " + plan.moves().size() + " resource(s)\n\n");
      plan.moves().forEach(m -> md.offer("- `" + m.from() + "` → `" + m.to() + "`\n"));
      md.offer("\n");
    }
    adopted(plan, md);
    Map<String, List<Change>> byBlock = plan.effectiveChanges().stream()
        .collect(Collectors.groupingBy(c -> c.address().block(), LinkedHashMap::new, Collectors.toList()));
    int shown = 0;
    for (Map.Entry<String, List<Change>> group : byBlock.entrySet()) {
      shown += block(group.getKey(), group.getValue(), md);
    }
    int total = plan.effectiveChanges().size();
    return md.finish("this plan is longer than " + MAX_CHARS + " characters; " + (total - shown) + " of " + total
        + " changes are not shown. Run `pullplan show PLANFILE` on the saved plan (or `pullplan plan`) for all of it.");
  }

  private static String title(PlanMode mode) {
    return switch (mode) {
      case NORMAL -> "plan";
      case REFRESH_ONLY -> "plan (refresh only)";
      case DESTROY -> "plan (destroy)";
    };
  }

  private static String headline(Plan plan) {
    if (plan.mode() == PlanMode.REFRESH_ONLY) {
      return plan.drifted().isEmpty()
          ? "No changes. The state matches what exists."
          : "Refresh only: " + plan.drifted().size() + " object(s) changed outside pullplan; applying updates the state to match.";
    }
    String cleanup = (plan.deposedLeft().isEmpty() ? "" : " " + plan.deposedLeft().size()
        + " deposed credential(s)/object(s) an earlier run left will be removed.")
        + (plan.forgotten().isEmpty() ? "" : " " + plan.forgotten().size()
        + " record(s) of objects that no longer exist will be removed from state.");
    if (plan.effectiveChanges().isEmpty() && !cleanup.isEmpty()) {
      return "Nothing else changes:" + cleanup;
    }
    if (!cleanup.isEmpty()) {
      return plan.summary() + cleanup;
    }
    if (plan.effectiveChanges().isEmpty()) {
      return plan.hasProblems() ? "No changes for the resources that could be planned." : "No changes. Pull access matches the configuration.";
    }
    return plan.summary().toString();
  }

  private static void drift(Plan plan, CommentBudget md) {
    List<Change> drifted = plan.drifted();
    if (drifted.isEmpty()) {
      return;
    }
    if (!md.offer(Markdown.detailsOpen("Objects changed outside pullplan (" + drifted.size() + ")"))) {
      return;
    }
    for (Change c : drifted) {
      if (!md.offer("**" + Markdown.code(c.address().toString()) + "**\n\n" + Markdown.bullets(c.drift().notes()) + "\n")) {
        break;
      }
    }
    md.close(Markdown.DETAILS_CLOSE);
  }

  /** Existing objects apply records as they are, each with what it is and who owns it (as the text plan). */
  private static void adopted(Plan plan, CommentBudget md) {
    List<Adopted> adopted = Adopted.of(plan);
    if (adopted.isEmpty()) {
      return;
    }
    StringBuilder section = new StringBuilder("Existing objects that state does not record; apply records them as they are: "
        + adopted.size() + " resource(s)\n\n");
    for (Adopted a : adopted) {
      section.append("- ").append(Markdown.code(a.address())).append('\n');
      a.context().forEach(line -> section.append("  - note: ").append(Markdown.text(line)).append('\n'));
    }
    md.offer(section + "\n");
  }

  /** One block's changes in a {@code <details>}; returns how many changes fitted. */
  private static int block(String block, List<Change> changes, CommentBudget md) {
    if (!md.offer(Markdown.detailsOpen(Markdown.code(block) + ": " + Markdown.counts(Summary.of(changes))))) {
      return 0;
    }
    int shown = 0;
    for (Change c : changes) {
      if (!md.offer(change(c))) {
        break;
      }
      shown++;
    }
    md.close(Markdown.DETAILS_CLOSE);
    return shown;
  }

  private static String change(Change c) {
    StringBuilder notes = new StringBuilder(Markdown.bullets(c.reasons()));
    if (c.action() == Action.DELETE && c.type().equals("k8s_namespace")) {
      notes.append("- **deleting a namespace deletes everything in it**\n");
    }
    c.context().forEach(line -> notes.append("- note: ").append(Markdown.text(line)).append('\n'));
    return "**" + Markdown.code(c.address().toString()) + "** " + c.action().phrase() + "\n\n"
        + (notes.isEmpty() ? "" : notes + "\n")
        + Markdown.diff(c.action(), ShownAttributes.of(c)) + "\n";
  }
}
