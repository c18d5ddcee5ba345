package dev.pullplan.render;

import dev.pullplan.plan.Action;
import dev.pullplan.plan.AttributeChange;
import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import dev.pullplan.plan.PlanMode;
import dev.pullplan.state.Deposed;
import java.util.ArrayList;
import java.util.List;

/** A plan as people read it, in Terraform's shape. Never shows a secret value. */
public final class TextPlanRenderer {
  private final Style style;

  public TextPlanRenderer(Style style) {
    this.style = style;
  }

  public String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    selected(plan, out);
    drift(plan, out);
    moved(plan, out);
    List<Adopted> adopted = Adopted.of(plan);
    if (!adopted.isEmpty()) {
      out.append("pullplan found ").append(adopted.size())
          .append(" existing object(s) that state does not record; apply records them as they are:\n");
      for (Adopted a : adopted) {
        out.append("  ").append(a.address()).append('\n');
        a.context().forEach(line -> out.append("      ").append(style.dim("# " + line)).append('\n'));
      }
      out.append('\n');
    }
    List<String> forgotten = plan.forgotten();
    if (plan.mode() != PlanMode.REFRESH_ONLY && !forgotten.isEmpty()) {
      out.append("State records ").append(forgotten.size())
          .append(" object(s) that no longer exist; apply removes their records:\n");
      forgotten.forEach(a -> out.append("  ").append(a).append('\n'));
      out.append('\n');
    }
    List<Change> changes = plan.effectiveChanges();
    List<Deposed> deposed = plan.deposedLeft();
    if (!deposed.isEmpty()) {
      out.append("An earlier run died before removing what it replaced; apply removes it:\n");
      for (Deposed d : deposed) {
        out.append("  ").append(style.red("-")).append(' ').append(d.address()).append(": ").append(d.description())
            .append(" (deposed ").append(d.key()).append(")\n");
      }
      out.append('\n');
    }
    if (plan.mode() == PlanMode.REFRESH_ONLY) {
      out.append(plan.drifted().isEmpty()
          ? "No changes. The state matches what exists.\n"
          : "Applying this refresh-only plan will update the state to match what exists; nothing else changes.\n");
    } else if (changes.isEmpty() && !deposed.isEmpty()) {
      out.append(style.bold("Plan: " + deposed.size() + " deposed to remove, nothing else changes.")).append('\n');
    } else if (changes.isEmpty() && !forgotten.isEmpty()) {
      out.append("Nothing to change in the world; apply updates the state.\n");
    } else if (changes.isEmpty()) {
      out.append(plan.hasProblems()
          ? "No changes for the resources that could be planned.\n"
          : style.green("No changes.") + " Pull access matches the configuration."
              + (plan.moves().isEmpty() ? "" : " Applying records the moved addresses in state.") + "\n");
    } else {
      out.append("pullplan will perform the following actions:\n\n");
      for (Change c : changes) {
        change(c, out);
      }
      out.append(style.bold(plan.summary().toString())).append('\n');
    }
    for (String w : plan.warnings()) {
      out.append('\n').append(style.yellow("Warning: ")).append(w).append('\n');
    }
    for (String group : ProblemGroups.render(plan.problems(), style)) {
      out.append('\n').append(group);
    }
    return out.toString();
  }

  private void selected(Plan plan, StringBuilder out) {
    plan.selectedNamespaces().forEach((access, namespaces) -> out.append("access.").append(access)
        .append(": namespace_selector matched ").append(namespaces.isEmpty() ? "no namespace" : String.join(", ", namespaces))
        .append("\n"));
    if (!plan.selectedNamespaces().isEmpty()) {
      out.append('\n');
    }
  }

  /** As Terraform: each moved resource once, before the changes; its change (if any) follows at the new address. */
  private void moved(Plan plan, StringBuilder out) {
    if (plan.moves().isEmpty()) {
      return;
    }
    out.append(style.bold("pullplan will record " + plan.moves().size() + " resource(s) at a new address"))
        .append(" (moved blocks; the objects are kept, nothing is recreated):\n\n");
    plan.moves().forEach(m -> out.append("  # ").append(m.from()).append(" has moved to ")
        .append(style.bold(m.to().toString())).append('\n'));
    out.append('\n');
  }

  private void drift(Plan plan, StringBuilder out) {
    List<Change> drifted = plan.drifted();
    if (drifted.isEmpty()) {
      return;
    }
    out.append(style.bold("Objects have changed outside of pullplan")).append("\n\n");
    for (Change c : drifted) {
      out.append("  # ").append(style.bold(c.address().toString())).append('\n');
      c.drift().notes().forEach(d -> out.append("      ").append(d).append('\n'));
    }
    out.append('\n');
  }

  private void change(Change c, StringBuilder out) {
    out.append("  # ").append(style.bold(c.address().toString())).append(' ').append(c.action().phrase()).append('\n');
    c.reasons().forEach(r -> out.append("  ").append(style.dim("# (" + r + ")")).append('\n'));
    if (c.action() == Action.DELETE && c.type().equals("k8s_namespace")) {
      out.append("  ").append(style.red("# WARNING: deleting a namespace deletes EVERYTHING in it")).append('\n');
    }
    String symbol = paint(c.symbol(), c.action());
    out.append("  ").append(symbol).append(' ').append(c.type()).append(" {\n");
    for (String line : attributeLines(c)) {
      out.append("      ").append(line).append('\n');
    }
    c.context().forEach(line -> out.append("      ").append(style.dim("# " + line)).append('\n'));
    out.append("    }\n\n");
  }

  private List<String> attributeLines(Change c) {
    List<String> lines = new ArrayList<>();
    int width = 0;
    List<AttributeChange> attrs = ShownAttributes.of(c);
    for (AttributeChange a : attrs) {
      width = Math.max(width, a.name().length());
    }
    for (AttributeChange a : attrs) {
      String name = String.format("%-" + width + "s", a.name());
      String before = a.before().map(Values::show).orElse("null");
      String after = a.after().map(Values::show).orElse("null");
      if (c.action() == Action.CREATE) {
        lines.add(paint("+", Action.CREATE) + " " + name + " = " + after);
      } else if (c.action() == Action.DELETE) {
        lines.add(paint("-", Action.DELETE) + " " + name + " = " + before);
      } else if (c.action() == Action.ROTATE) {
        lines.add(paint("~>", Action.ROTATE) + " " + name + " = " + after);
      } else {
        String suffix = a.forcesReplacement() ? style.red(" # forces replacement") : "";
        lines.add(paint("~", Action.UPDATE) + " " + name + " = " + before + " -> " + after + suffix);
      }
    }
    return lines;
  }

  private String paint(String symbol, Action a) {
    return switch (a) {
      case CREATE -> style.green(symbol);
      case UPDATE -> style.yellow(symbol);
      case DELETE, REPLACE, CREATE_BEFORE_DESTROY -> style.red(symbol);
      case ROTATE -> style.cyan(symbol);
      case NOOP -> symbol;
    };
  }
}
