package dev.pullplan.plan;

import java.util.List;

/**
 * @param targets addresses (or blocks) to limit the plan to, with their dependencies; empty = all
 * @param replace addresses to replace even though they match
 * @param parallelism how many reads run at once
 */
public record PlanOptions(PlanMode mode, List<String> targets, List<String> replace, int parallelism) {

  public static PlanOptions normal() {
    return new PlanOptions(PlanMode.NORMAL, List.of(), List.of(), 10);
  }
}
