package dev.pullplan.render;

import dev.pullplan.plan.Change;
import dev.pullplan.plan.Plan;
import java.util.List;

/**
 * An existing object that state does not record and that no change touches: apply records it as
 * it is. Its context says what it is and who owns it (one made outside pullplan, a grant inherited
 * from above), so every format shows the same lines.
 */
record Adopted(String address, List<String> context) {
  static List<Adopted> of(Plan plan) {
    List<Change> effective = plan.effectiveChanges();
    return plan.adopted().stream()
        .filter(a -> effective.stream().noneMatch(c -> c.address().toString().equals(a)))
        .map(a -> new Adopted(a, plan.changes().stream().filter(c -> c.address().toString().equals(a)).findFirst()
            .map(Change::context).orElse(List.of())))
        .toList();
  }
}
